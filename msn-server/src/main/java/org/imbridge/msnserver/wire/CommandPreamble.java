package org.imbridge.msnserver.wire;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;

/**
 * The parameter-count check that opens a command handler. Each method returns whether the handler may
 * go on; when it may not, the client has already been answered (200, syntax error) or the connection closed.
 * Parameter counts include the TrID.
 */
public final class CommandPreamble {

    private CommandPreamble() {
    }

    /** Answers {@code 200 TrID} unless {@code command} has exactly {@code count} parameters. */
    public static boolean expectParams(Connection connection, MsnpCommand command, int count) {
        return expectParams(connection, command, count, count);
    }

    /** Answers {@code 200 TrID} unless {@code command} has {@code min} … {@code max} parameters. */
    public static boolean expectParams(Connection connection, MsnpCommand command, int min, int max) {
        int count = command.paramCount();
        if (count < min || count > max) {
            connection.sendError(MsnpError.SYNTAX_ERROR, command.param(0));
            return false;
        }
        return true;
    }

    /**
     * Closes the connection without a reply unless {@code command} has a TrID and exactly {@code count}
     * parameters: the rule on the switchboard and during login.
     */
    public static boolean expectParamsOrClose(Connection connection, MsnpCommand command, int count) {
        if (command.paramCount() != count || !Params.hasTrId(command)) {
            connection.close("malformed " + command.name());
            return false;
        }
        return true;
    }
}
