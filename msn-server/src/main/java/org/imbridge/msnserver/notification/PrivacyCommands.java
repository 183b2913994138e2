package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListOperationException;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * BLP and GTC (docs/msnp.md §5.1): {@code BLP TrID AL|BL} → {@code BLP TrID ver AL|BL},
 * {@code GTC TrID A|N} → {@code GTC TrID ver A|N}; the current value again → 218; anything else → 201.
 * A BLP change goes through presence (it can hide or reveal the user).
 */
final class PrivacyCommands implements CommandFamily<NotificationConnection> {

    private final AccountDirectory directory;
    private final PresenceService presence;

    PrivacyCommands(AccountDirectory directory, PresenceService presence) {
        this.directory = directory;
        this.presence = presence;
    }

    @Override
    public Set<String> commands() {
        return Set.of("BLP", "GTC");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, 2)) {
            return;
        }
        Account me = connection.account();
        String value = command.param(1);
        try {
            long version;
            if (command.is("BLP")) {
                PrivacyMode mode = PrivacyMode.fromWire(value);
                if (mode == null) {
                    connection.sendError(MsnpError.INVALID_PARAMETER, trId);
                    return;
                }
                version = presence.publishRefusable(me, () -> directory.setPrivacy(me, mode));
            } else {
                ReversePrompt prompt = ReversePrompt.fromWire(value);
                if (prompt == null) {
                    connection.sendError(MsnpError.INVALID_PARAMETER, trId);
                    return;
                }
                version = directory.setPrompt(me, prompt);
            }
            connection.send(MsnpCommand.of(command.name(), trId, version, value));
        } catch (ListOperationException e) {
            connection.sendError(e.error(), trId);
        }
    }
}
