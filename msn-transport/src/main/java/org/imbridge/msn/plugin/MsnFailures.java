package org.imbridge.msn.plugin;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.msn.client.MsnConnectException;
import org.imbridge.msn.client.MsnConnectionClosedException;
import org.imbridge.msn.client.MsnDeliveryException;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.MsnLimitException;
import org.imbridge.msn.client.MsnReferralRefusedException;
import org.imbridge.msn.client.MsnTimeoutException;
import org.imbridge.msn.protocol.MsnpError;

/** Client exceptions as the bridge's login and delivery failures, with texts for the user. */
final class MsnFailures {

    /** Error codes that mean "busy or down, try later" (docs/msnp.md §2.5: 600–605, 910–922 except 911/913/920). */
    private static final Set<Integer> SERVER_UNAVAILABLE = Set.of(600, 601, 602, 603, 604, 605, 910, 912, 914,
            915, 916, 917, 918, 919, 921, 922);

    private MsnFailures() {
    }

    static LoginFailure login(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof LoginFailure l) {
            return l;
        }
        if (t instanceof MsnErrorException e) {
            if (SERVER_UNAVAILABLE.contains(e.code())) {
                return new LoginFailure(LoginFailure.Kind.UNREACHABLE,
                        "The MSN server is busy or unavailable (" + MsnpError.describe(e.code()) + ")", e);
            }
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
        if (t instanceof MsnConnectionClosedException) {
            return new LoginFailure(LoginFailure.Kind.UNREACHABLE, "The MSN server closed the connection during login", t);
        }
        if (t instanceof MsnTimeoutException) {
            return new LoginFailure(LoginFailure.Kind.TIMEOUT, "The MSN server did not answer in time", t);
        }
        if (t instanceof IllegalArgumentException) {
            return new LoginFailure(LoginFailure.Kind.MALFORMED_ACCOUNT, "Not an MSN account name (name@domain)", t);
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
        if (t instanceof MsnConnectionClosedException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                    "The conversation with " + contact + " ended before MSN confirmed the message");
        }
        if (t instanceof MsnTimeoutException) {
            return new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT, "MSN did not confirm delivery to " + contact + " in time");
        }
        if (t instanceof MsnReferralRefusedException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "MSN sent the conversation with " + contact
                    + " to a server the transport does not connect to; the message was not delivered");
        }
        if (t instanceof MsnLimitException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "Too many MSN conversations or waiting messages: "
                    + t.getMessage());
        }
        return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                "The message to " + contact + " was not delivered: " + t.getMessage());
    }

    /** A failed invitation into a group conversation ({@code CAL}, docs/msnp.md §7.3), with a text for the user. */
    static DeliveryFailure invitation(Throwable failure, String contact) {
        Throwable t = unwrap(failure);
        if (t instanceof DeliveryFailure d) {
            return d;
        }
        if (t instanceof MsnErrorException e) {
            return switch (e.error()) {
                case NOT_ONLINE -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE, contact + " is offline");
                case NOT_ON_LIST -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                        contact + " does not accept invitations from you");
                case INVALID_USERNAME, INVALID_USER -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                        contact + " is not an MSN account");
                case NOT_ALLOWED_WHEN_OFFLINE -> new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                        "You cannot invite anyone while appearing offline on MSN");
                default -> new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                        "MSN refused to invite " + contact + ": " + MsnpError.describe(e.code()));
            };
        }
        if (t instanceof MsnTimeoutException) {
            return new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT, contact + " did not join the conversation in time");
        }
        if (t instanceof MsnConnectionClosedException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                    "The conversation ended before " + contact + " joined");
        }
        if (t instanceof MsnLimitException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "Too many MSN conversations: " + t.getMessage());
        }
        if (t instanceof MsnReferralRefusedException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                    "MSN sent the conversation to a server the transport does not connect to");
        }
        return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                "Could not invite " + contact + ": " + t.getMessage());
    }

    /** A failed contact-list edit, as a failure with a text for the user. */
    static DeliveryFailure listEdit(Throwable failure, String contact) {
        Throwable t = unwrap(failure);
        if (t instanceof DeliveryFailure d) {
            return d;
        }
        if (t instanceof IllegalArgumentException) {
            return new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE, contact + " is not a valid MSN account name");
        }
        if (t instanceof MsnErrorException e) {
            return switch (e.error()) {
                case INVALID_PARAMETER, INVALID_USERNAME, FQDN_MISSING -> new DeliveryFailure(
                        DeliveryFailure.Kind.NOT_ACCEPTABLE, contact + " is not a valid MSN account name");
                case INVALID_USER -> new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                        contact + " is not an MSN account");
                case LIST_FULL -> new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE, "Your MSN contact list is full");
                default -> new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                        "MSN refused to change your contact list: " + MsnpError.describe(e.code()));
            };
        }
        if (t instanceof MsnTimeoutException) {
            return new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT, "MSN did not answer in time");
        }
        return new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, "Could not change your MSN contact list: "
                + t.getMessage());
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
