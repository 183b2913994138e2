package org.imbridge.msn.client;

/** The connection closed while a request was waiting for its answer, or before it could be sent. */
public final class MsnConnectionClosedException extends MsnException {

    private static final long serialVersionUID = 1L;

    private final DisconnectReason reason;

    public MsnConnectionClosedException(String message, DisconnectReason reason) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    /** Why the connection closed. */
    public DisconnectReason reason() {
        return reason;
    }
}
