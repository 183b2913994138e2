package org.imbridge.msnserver.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListEntry;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.imbridge.msnserver.wire.Params;

/**
 * SYN, LST and LSG (docs/msnp.md §5.3, §5.4). {@code SYN TrID ver}: when {@code ver} is the current
 * version only {@code SYN TrID ver}; otherwise {@code SYN TrID new-ver} and the whole property set,
 * every line with the TrID and version: GTC, BLP, PRP (set phones), LSG (all groups), LST FL (each
 * entry followed by BPR lines for the contact's phone settings), LST AL, LST BL, LST RL; an empty
 * list is {@code LST TrID XL ver 0 0}. Stand-alone {@code LST TrID list} and {@code LSG TrID} give
 * the same lines.
 */
final class SyncCommands implements CommandFamily<NotificationConnection> {

    private static final List<ListType> SYNC_ORDER = List.of(ListType.FL, ListType.AL, ListType.BL, ListType.RL);

    private final AccountDirectory directory;

    SyncCommands(AccountDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Set<String> commands() {
        return Set.of("SYN", "LST", "LSG");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        Account me = connection.account();
        switch (command.name()) {
            case "SYN" -> {
                if (!CommandPreamble.expectParams(connection, command, 2)) {
                    return;
                }
                long cached = Params.number(command.param(1));
                if (cached < 0) {
                    connection.sendError(MsnpError.INVALID_PARAMETER, trId);
                    return;
                }
                sync(connection, trId, me, cached);
            }
            case "LST" -> {
                if (!CommandPreamble.expectParams(connection, command, 2)) {
                    return;
                }
                ListType list = ListType.fromWire(command.param(1));
                if (list == null) {
                    connection.sendError(MsnpError.INVALID_PARAMETER, trId);
                    return;
                }
                list(connection, trId, me, list, me.version(), false);
            }
            default -> {
                if (!CommandPreamble.expectParams(connection, command, 1)) {
                    return;
                }
                groups(connection, trId, me, me.version());
            }
        }
    }

    private void sync(NotificationConnection connection, String trId, Account me, long cached) {
        long version = me.version();
        connection.send(MsnpCommand.of("SYN", trId, version));
        if (cached == version) {
            return;
        }
        connection.send(MsnpCommand.of("GTC", trId, version, me.prompt()));
        connection.send(MsnpCommand.of("BLP", trId, version, me.privacy()));
        for (Map.Entry<String, String> phone : me.phones().entrySet()) {
            connection.send(phoneLine("PRP", List.of(trId, version, phone.getKey()), phone.getValue()));
        }
        groups(connection, trId, me, version);
        for (ListType list : SYNC_ORDER) {
            list(connection, trId, me, list, version, true);
        }
    }

    private void groups(NotificationConnection connection, String trId, Account me, long version) {
        Map<Integer, String> groups = me.groups();
        int index = 1;
        for (Map.Entry<Integer, String> g : groups.entrySet()) {
            connection.send(MsnpCommand.of("LSG", trId, version, index++, groups.size(), g.getKey(),
                    Names.wire(g.getValue()), "0"));
        }
    }

    private void list(NotificationConnection connection, String trId, Account me, ListType list, long version,
                      boolean withPhones) {
        List<ListEntry> entries = me.list(list);
        if (entries.isEmpty()) {
            connection.send(MsnpCommand.of("LST", trId, list, version, 0, 0));
            return;
        }
        int index = 1;
        for (ListEntry e : entries) {
            List<Object> params = new ArrayList<>(List.of(trId, list, version, index++, entries.size(), e.handle(),
                    Names.wire(e.friendly())));
            if (list == ListType.FL) {
                params.add(e.groupsParam());
            }
            connection.send(MsnpCommand.of("LST", params.toArray()));
            if (withPhones && list == ListType.FL) {
                Account contact = directory.find(e.handle());
                if (contact != null) {
                    for (Map.Entry<String, String> phone : contact.phones().entrySet()) {
                        connection.send(phoneLine("BPR", List.of(version, e.handle(), phone.getKey()), phone.getValue()));
                    }
                }
            }
        }
    }

    /** A PRP or BPR line; an empty value leaves the value parameter out. */
    static MsnpCommand phoneLine(String name, List<Object> head, String value) {
        List<Object> params = new ArrayList<>(head);
        if (!value.isEmpty()) {
            params.add(MsnpNames.encode(value));
        }
        return MsnpCommand.of(name, params.toArray());
    }
}
