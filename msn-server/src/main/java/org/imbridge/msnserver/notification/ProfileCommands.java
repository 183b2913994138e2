package org.imbridge.msnserver.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListOperationException;
import org.imbridge.msnserver.account.PhoneSettings;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * REA and PRP (docs/msnp.md §5.6, §5.3).
 * {@code REA TrID handle name} → {@code REA TrID ver handle name}: one's own handle changes the
 * friendly name (NLN to watchers), a contact's handle the name stored with it; 209 when the name is
 * over 387 encoded bytes, 216 when the contact is on none of FL/AL/BL.
 * {@code PRP TrID PHH|PHW|PHM|MOB|MBE [value]} → {@code PRP TrID ver type [value]}; 201 otherwise.
 */
final class ProfileCommands implements CommandFamily<NotificationConnection> {

    private final AccountDirectory directory;
    private final PresenceService presence;

    ProfileCommands(AccountDirectory directory, PresenceService presence) {
        this.directory = directory;
        this.presence = presence;
    }

    @Override
    public Set<String> commands() {
        return Set.of("REA", "PRP");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        if (command.is("REA")) {
            rename(connection, command);
        } else {
            phone(connection, command);
        }
    }

    private void rename(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, 3)) {
            return;
        }
        Account me = connection.account();
        String handle = AccountDirectory.normalize(command.param(1));
        String name = Names.decode(command.param(2), MsnpNames.MAX_FRIENDLY_NAME_BYTES);
        if (name == null) {
            connection.sendError(MsnpError.INVALID_FRIENDLY_NAME, trId);
            return;
        }
        try {
            long version = handle.equals(me.handle())
                    ? presence.publishRefusable(me, () -> directory.renameSelf(me, name))
                    : directory.renameContact(me, handle, name);
            connection.send(MsnpCommand.of("REA", trId, version, handle, Names.wire(name)));
        } catch (ListOperationException e) {
            connection.sendError(e.error(), trId);
        }
    }

    private void phone(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, 2, 3)) {
            return;
        }
        String kind = command.param(1);
        String value = command.paramCount() == 3 ? Names.decode(command.param(2), MsnpNames.MAX_FRIENDLY_NAME_BYTES) : "";
        if (!PhoneSettings.isKind(kind) || value == null) {
            connection.sendError(MsnpError.INVALID_PARAMETER, trId);
            return;
        }
        long version = directory.setPhone(connection.account(), kind, value);
        List<Object> head = new ArrayList<>(List.of(trId, version, kind));
        connection.send(SyncCommands.phoneLine("PRP", head, value));
    }
}
