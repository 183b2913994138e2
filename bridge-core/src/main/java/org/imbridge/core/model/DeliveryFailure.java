package org.imbridge.core.model;

import java.util.Objects;

/**
 * Why a message could not be delivered, in words a user understands. Completing a send exceptionally
 * with this lets the protocol side return an error to the sender instead of losing the message.
 */
public final class DeliveryFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure the XMPP side maps onto error conditions. */
    public enum Kind {
        /** The contact is offline or does not exist. */
        RECIPIENT_UNAVAILABLE,
        /** The network refused or did not acknowledge the message. */
        NOT_DELIVERED,
        /** No answer in time. */
        TIMEOUT,
        /** The user's legacy session is not connected (the user is registered). */
        SESSION_DOWN,
        /** The user is not registered with the transport at all. */
        NOT_REGISTERED,
        /** The message is too large or malformed. */
        NOT_ACCEPTABLE,
        /** The network cannot do this at all (e.g. group conversations on a network without them). */
        UNSUPPORTED
    }

    private final Kind kind;

    public DeliveryFailure(Kind kind, String userText) {
        super(userText);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** The reason as shown to the user. */
    public String userText() {
        return getMessage();
    }
}
