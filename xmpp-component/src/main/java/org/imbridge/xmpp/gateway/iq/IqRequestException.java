package org.imbridge.xmpp.gateway.iq;

import java.util.Optional;

import org.jivesoftware.smack.packet.StanzaError;

/** Why an IQ request sent through {@link IqRequests} did not get a result. */
public final class IqRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What happened to the request. */
    public enum Reason {
        /** The addressee answered with an error ({@link #error()} says which). */
        ERROR,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The request could not be queued for sending. */
        NOT_SENT,
        /** Given up without an answer, e.g. because the component stream was re-established. */
        CANCELLED
    }

    private final Reason reason;
    private final transient StanzaError error;

    IqRequestException(Reason reason, String message, StanzaError error) {
        super(message);
        this.reason = reason;
        this.error = error;
    }

    public Reason reason() {
        return reason;
    }

    /** @return the error of an {@link Reason#ERROR} answer */
    public Optional<StanzaError> error() {
        return Optional.ofNullable(error);
    }

    /**
     * @param condition a stanza error condition
     * @return true if the answer was an error with that condition
     */
    public boolean is(StanzaError.Condition condition) {
        return error != null && error.getCondition() == condition;
    }
}
