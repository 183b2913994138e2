package org.imbridge.msn.bridge;

import java.util.concurrent.CompletionException;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.msn.client.MsnConnectException;
import org.imbridge.msn.client.MsnDeliveryException;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.MsnLimitException;
import org.imbridge.msn.client.MsnTimeoutException;
import org.imbridge.msn.protocol.MsnpError;

/** Client exceptions as the bridge's login and delivery failures, with texts for the user. */
final class MsnFailures {

    private MsnFailures() {
    }

    static LoginFailure login(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof MsnErrorException e) {
            return switch (e.error()) {
                case AUTHENTICATION_FAILED -> new LoginFailure(LoginFailure.Kind.BAD_CREDENTIALS,
                        "MSN refused the account or password", e);
                case INVALID_USER, INVALID_USERNAME, FQDN_MISSING -> new LoginFailure(LoginFailure.Kind.MALFORMED_ACCOUNT,
                        "MSN does not know this account", e);
                default -> new LoginFailure(LoginFailure.Kind.REFUSED, "MSN refused the login: " + MsnpError.describe(e.code()), e);
            };
        }
        if (t instanceof MsnConnectException) {
            return new LoginFailure(LoginFailure.Kind.UNREACHABLE, "The MSN server cannot be reached", t);
        }
        if (t instanceof MsnTimeoutException) {
            return new LoginFailure(LoginFailure.Kind.TIMEOUT, "The MSN server did not answer in time", t);
        }
        if (t instanceof IllegalArgumentException) {
            return new LoginFailure(LoginFailure.Kind.MALFORMED_ACCOUNT, "Not an MSN account name", t);
        }
        return new LoginFailure(LoginFailure.Kind.REFUSED, "MSN login failed: " + t.getMessage(), t);
    }

    static DeliveryFailure delivery(Throwable failure, String contact) {
        Throwable t = unwrap(failure);
        if (t instanceof DeliveryFailure d) {
            return d;
        }
        if (t instanceof MsnErrorException e) {
            return switch (e.error()) {
                case NOT_ONLINE -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                        contact + " is offline; the message was not delivered");
                case NOT_ON_LIST -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                        contact + " does not accept messages from you");
                case INVALID_USERNAME, INVALID_USER -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                        contact + " is not an MSN account");
                case NOT_ALLOWED_WHEN_OFFLINE -> new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                        "You cannot send messages while appearing offline on MSN");
                default -> new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                        "MSN refused the message: " + MsnpError.describe(e.code()));
            };
        }
        if (t instanceof MsnDeliveryException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "MSN could not deliver the message to " + contact);
        }
        if (t instanceof MsnTimeoutException) {
            return new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT, "MSN did not confirm delivery to " + contact + " in time");
        }
        if (t instanceof MsnLimitException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE, t.getMessage());
        }
        return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                "The message to " + contact + " was not delivered: " + t.getMessage());
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
