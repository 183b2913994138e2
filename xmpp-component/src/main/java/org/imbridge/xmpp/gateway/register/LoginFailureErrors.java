package org.imbridge.xmpp.gateway.register;

import org.imbridge.core.network.LoginFailure;
import org.jivesoftware.smack.packet.StanzaError;

/** The XMPP error a failed credential check becomes. */
final class LoginFailureErrors {

    private LoginFailureErrors() {
    }

    static StanzaError.Condition conditionFor(LoginFailure.Kind kind) {
        return switch (kind) {
            case BAD_CREDENTIALS -> StanzaError.Condition.not_authorized;
            case MALFORMED_ACCOUNT -> StanzaError.Condition.not_acceptable;
            case UNREACHABLE -> StanzaError.Condition.remote_server_not_found;
            case TIMEOUT -> StanzaError.Condition.remote_server_timeout;
            case REFUSED -> StanzaError.Condition.service_unavailable;
        };
    }
}
