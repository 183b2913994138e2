package org.imbridge.msnserver.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListOperationException;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.imbridge.msnserver.wire.Params;

/**
 * ADD and REM (docs/msnp.md §5.5).
 *
 * <pre>
 * ADD TrID FL|AL|BL handle friendly [group]  →  ADD TrID list ver handle friendly [group]
 * REM TrID FL|AL|BL handle [group]           →  REM TrID list ver handle [group]
 * </pre>
 *
 * Checks in this order: RL → disconnect; unknown list, group on AL/BL, malformed handle or group →
 * 201; unknown group → 224; unknown account → 205; name too long → 209; then the list rules (215,
 * 219, 210, 216, 225). A new FL entry puts the user on the contact's RL ({@code ADD 0 RL ver handle
 * friendly} to the contact if online) and is followed by ILN when the contact is visible; leaving FL
 * sends {@code REM 0 RL ver handle}. AL/BL changes go through presence so watchers see the effect.
 */
final class ListCommands implements CommandFamily<NotificationConnection> {

    private final AccountDirectory directory;
    private final OnlineUsers online;
    private final PresenceService presence;

    ListCommands(AccountDirectory directory, OnlineUsers online, PresenceService presence) {
        this.directory = directory;
        this.online = online;
        this.presence = presence;
    }

    @Override
    public Set<String> commands() {
        return Set.of("ADD", "REM");
    }

    /** The parsed and checked parameters shared by ADD and REM; null after an error reply. */
    private record Request(String trId, ListType list, String handle, String groupToken, Integer group) {
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        boolean add = command.is("ADD");
        int fixed = add ? 4 : 3;
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, fixed, fixed + 1)) {
            return;
        }
        if ("RL".equals(command.param(1))) {
            connection.close("client tried to change its reverse list");
            return;
        }
        Request request = parse(connection, command, fixed);
        if (request == null) {
            return;
        }
        try {
            if (add) {
                add(connection, request, command.param(3));
            } else {
                remove(connection, request);
            }
        } catch (ListOperationException e) {
            connection.sendError(e.error(), trId);
        }
    }

    private Request parse(NotificationConnection connection, MsnpCommand command, int fixed) {
        String trId = command.param(0);
        ListType list = ListType.fromWire(command.param(1));
        String handle = command.param(2);
        String groupToken = command.paramCount() > fixed ? command.param(fixed) : null;
        if (list == null || groupToken != null && list != ListType.FL || !MsnpNames.isValidHandle(handle)) {
            connection.sendError(MsnpError.INVALID_PARAMETER, trId);
            return null;
        }
        Integer group = null;
        if (groupToken != null) {
            group = Params.smallNumber(groupToken);
            if (group < 0) {
                connection.sendError(MsnpError.INVALID_PARAMETER, trId);
                return null;
            }
            if (!connection.account().groups().containsKey(group)) {
                connection.sendError(MsnpError.INVALID_GROUP, trId);
                return null;
            }
        }
        return new Request(trId, list, AccountDirectory.normalize(handle), groupToken, group);
    }

    private void add(NotificationConnection connection, Request r, String friendlyToken) throws ListOperationException {
        Account me = connection.account();
        Account contact = directory.find(r.handle());
        if (contact == null) {
            throw new ListOperationException(MsnpError.INVALID_USER);
        }
        String friendly = Names.decode(friendlyToken, MsnpNames.MAX_FRIENDLY_NAME_BYTES);
        if (friendly == null) {
            throw new ListOperationException(MsnpError.INVALID_FRIENDLY_NAME);
        }
        if (r.list() == ListType.FL) {
            AccountDirectory.ForwardAddition added = directory.addToForwardList(me, contact, friendly, r.group());
            connection.send(reply("ADD", r, added.version(), Names.wire(friendly)));
            if (added.newContact()) {
                NotificationConnection other = online.get(contact.handle());
                if (other != null) {
                    other.send(MsnpCommand.of("ADD", "0", ListType.RL, added.contactVersion(), me.handle(),
                            Names.wire(me.nick())));
                }
                if (connection.presenceStarted()) {
                    presence.sendIln(connection, contact, r.trId());
                }
            }
        } else {
            long version = presence.publishRefusable(me, () -> directory.addToList(me, r.list(), contact, friendly));
            connection.send(reply("ADD", r, version, Names.wire(friendly)));
        }
    }

    private void remove(NotificationConnection connection, Request r) throws ListOperationException {
        Account me = connection.account();
        if (r.list() == ListType.FL) {
            AccountDirectory.ForwardRemoval removed = directory.removeFromForwardList(me, r.handle(), r.group());
            connection.send(reply("REM", r, removed.version(), null));
            if (removed.removedEntirely() && removed.contactVersion() >= 0) {
                notifyReverseRemoval(online, me, r.handle(), removed.contactVersion());
            }
        } else {
            long version = presence.publishRefusable(me, () -> directory.removeFromList(me, r.list(), r.handle()));
            connection.send(reply("REM", r, version, null));
        }
    }

    /** {@code REM 0 RL ver handle} to {@code contact} if online: {@code me} no longer has them on FL. */
    static void notifyReverseRemoval(OnlineUsers online, Account me, String contact, long contactVersion) {
        NotificationConnection other = online.get(contact);
        if (other != null) {
            other.send(MsnpCommand.of("REM", "0", ListType.RL, contactVersion, me.handle()));
        }
    }

    private static MsnpCommand reply(String name, Request r, long version, String friendly) {
        List<Object> params = new ArrayList<>(List.of(r.trId(), r.list(), version, r.handle()));
        if (friendly != null) {
            params.add(friendly);
        }
        if (r.groupToken() != null) {
            params.add(r.groupToken());
        }
        return MsnpCommand.of(name, params.toArray());
    }
}
