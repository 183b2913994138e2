package org.imbridge.msnserver.login;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * A login {@code USR TrID MD5 I|S value} (docs/msnp.md §3.4).
 *
 * @param trId   the transaction id as sent
 * @param phase  {@code I} (initial, value = handle) or {@code S} (subsequent, value = MD5 response)
 * @param value  the handle or the response
 */
public record UsrRequest(String trId, String phase, String value) {

    /**
     * Parses and checks a USR expected in {@code phase}; on anything wrong answers per the rules
     * (malformed → disconnect, other package → 911, wrong phase → 715, bad handle → 911), closes the
     * connection and returns {@code null}.
     */
    public static UsrRequest expect(LoginConnection connection, MsnpCommand command, String phase) {
        if (!CommandPreamble.expectParamsOrClose(connection, command, 4)) {
            return null;
        }
        String trId = command.param(0);
        if (!VersionCommands.SECURITY_PACKAGE.equals(command.param(1))) {
            connection.failAndClose(MsnpError.AUTHENTICATION_FAILED, trId,
                    "unsupported security package " + command.param(1));
            return null;
        }
        if (!phase.equals(command.param(2))) {
            connection.failAndClose(MsnpError.NOT_EXPECTED, trId, "USR " + command.param(2) + " instead of " + phase);
            return null;
        }
        String value = command.param(3);
        if ("I".equals(phase) && !MsnpNames.isValidHandle(value)) {
            connection.failAndClose(MsnpError.AUTHENTICATION_FAILED, trId, "malformed handle in USR I");
            return null;
        }
        return new UsrRequest(trId, phase, value);
    }
}
