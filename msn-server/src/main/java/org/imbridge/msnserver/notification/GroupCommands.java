package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListOperationException;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.imbridge.msnserver.wire.Params;

/**
 * ADG, RMG and REG (docs/msnp.md §5.7).
 *
 * <pre>
 * ADG TrID name 0        →  ADG TrID ver name new-id 0     (223 beyond 30 groups, 229 name over 61 bytes)
 * RMG TrID id            →  RMG TrID ver id                (230 for 0, 224 unknown)
 * REG TrID id name 0     →  REG TrID ver id name 0         (224 unknown, 229 name over 127 bytes)
 * </pre>
 *
 * A group id outside 0–29 (or not a number) disconnects. RMG drops contacts that were only in that
 * group from FL, with {@code REM 0 RL} to them.
 */
final class GroupCommands implements CommandFamily<NotificationConnection> {

    private final AccountDirectory directory;
    private final OnlineUsers online;

    GroupCommands(AccountDirectory directory, OnlineUsers online) {
        this.directory = directory;
        this.online = online;
    }

    @Override
    public Set<String> commands() {
        return Set.of("ADG", "RMG", "REG");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        try {
            switch (command.name()) {
                case "ADG" -> add(connection, command, trId);
                case "RMG" -> remove(connection, command, trId);
                default -> rename(connection, command, trId);
            }
        } catch (ListOperationException e) {
            connection.sendError(e.error(), trId);
        }
    }

    private void add(NotificationConnection connection, MsnpCommand command, String trId) throws ListOperationException {
        if (command.paramCount() != 3 || !"0".equals(command.param(2))) {
            connection.sendError(MsnpError.SYNTAX_ERROR, trId);
            return;
        }
        String name = Names.decode(command.param(1), Names.MAX_GROUP_NAME_BYTES);
        if (name == null) {
            throw new ListOperationException(MsnpError.GROUP_NAME_TOO_LONG);
        }
        AccountDirectory.GroupAddition added = directory.addGroup(connection.account(), name);
        connection.send(MsnpCommand.of("ADG", trId, added.version(), Names.wire(name), added.id(), "0"));
    }

    private void remove(NotificationConnection connection, MsnpCommand command, String trId) throws ListOperationException {
        if (!CommandPreamble.expectParams(connection, command, 2)) {
            return;
        }
        Integer id = groupId(connection, command.param(1));
        if (id == null) {
            return;
        }
        Account me = connection.account();
        AccountDirectory.GroupRemoval removed = directory.removeGroup(me, id);
        connection.send(MsnpCommand.of("RMG", trId, removed.version(), id));
        for (AccountDirectory.DroppedContact dropped : removed.droppedContacts()) {
            if (dropped.contactVersion() >= 0) {
                ListCommands.notifyReverseRemoval(online, me, dropped.handle(), dropped.contactVersion());
            }
        }
    }

    private void rename(NotificationConnection connection, MsnpCommand command, String trId) throws ListOperationException {
        if (command.paramCount() != 4 || !"0".equals(command.param(3))) {
            connection.sendError(MsnpError.SYNTAX_ERROR, trId);
            return;
        }
        Integer id = groupId(connection, command.param(1));
        if (id == null) {
            return;
        }
        String name = Names.decode(command.param(2), Names.MAX_RENAMED_GROUP_NAME_BYTES);
        if (name == null) {
            throw new ListOperationException(MsnpError.GROUP_NAME_TOO_LONG);
        }
        long version = directory.renameGroup(connection.account(), id, name);
        connection.send(MsnpCommand.of("REG", trId, version, id, Names.wire(name), "0"));
    }

    /** The group id, or {@code null} after disconnecting for an id outside 0–29. */
    private static Integer groupId(NotificationConnection connection, String token) {
        int id = Params.smallNumber(token);
        if (id < 0 || id >= AccountDirectory.MAX_GROUPS) {
            connection.close("group id out of range: " + token);
            return null;
        }
        return id;
    }
}
