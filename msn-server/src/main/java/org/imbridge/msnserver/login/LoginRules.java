package org.imbridge.msnserver.login;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.Params;

/**
 * The login stage is strictly synchronous (docs/msnp.md §3.1): a VER after versions are agreed → 715;
 * CVR before the initial USR → 731; CVR (or VER, INF) between {@code USR I} and {@code USR S} → 715;
 * anything meaningless during login (SYN, CHG, PNG, …) → disconnect without an error. After login a
 * VER or INF is still a login command at the wrong time (715 and disconnect); CVR is then allowed.
 */
public final class LoginRules {

    private LoginRules() {
    }

    public static LoginVerdict check(LoginStage stage, boolean infoAnswered, String command) {
        return switch (stage) {
            case AWAITING_VERSION -> switch (command) {
                case "VER" -> LoginVerdict.PROCEED;
                case "CVR" -> LoginVerdict.CVR_NOT_EXPECTED;
                default -> LoginVerdict.DISCONNECT;
            };
            case VERSION_AGREED -> switch (command) {
                case "USR" -> LoginVerdict.PROCEED;
                case "INF" -> infoAnswered ? LoginVerdict.NOT_EXPECTED : LoginVerdict.PROCEED;
                case "VER" -> LoginVerdict.NOT_EXPECTED;
                case "CVR" -> LoginVerdict.CVR_NOT_EXPECTED;
                default -> LoginVerdict.DISCONNECT;
            };
            case AWAITING_RESPONSE -> switch (command) {
                case "USR" -> LoginVerdict.PROCEED;
                case "VER", "INF", "CVR" -> LoginVerdict.NOT_EXPECTED;
                default -> LoginVerdict.DISCONNECT;
            };
            case LOGGED_IN -> switch (command) {
                case "VER", "INF" -> LoginVerdict.NOT_EXPECTED;
                default -> LoginVerdict.PROCEED;
            };
        };
    }

    /**
     * Applies the rules to {@code command}: answers and closes when they say so.
     *
     * @return true when the command should go on to its handler
     */
    public static boolean admit(LoginConnection connection, MsnpCommand command) {
        LoginVerdict verdict = check(connection.stage(), connection.infoAnswered(), command.name());
        if (verdict == LoginVerdict.PROCEED) {
            return true;
        }
        String why = command.name() + " not expected in stage " + connection.stage();
        if (verdict == LoginVerdict.DISCONNECT || !Params.hasTrId(command)) {
            connection.close(why);
        } else if (verdict == LoginVerdict.NOT_EXPECTED) {
            connection.failAndClose(MsnpError.NOT_EXPECTED, command.param(0), why);
        } else {
            connection.failAndClose(MsnpError.NOT_EXPECTED_CVR, command.param(0), why);
        }
        return false;
    }
}
