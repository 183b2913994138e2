package org.imbridge.xmpp.stream;

/**
 * Completes {@link ComponentConnection#start()} exceptionally when the connection stops before its
 * first successful handshake: fatally (the message tells the administrator what to fix) or on request.
 */
public final class ComponentConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    /**
     * @param message what happened, and for fatal errors what to fix
     * @param fatal   true if a configuration error stopped the connection
     */
    public ComponentConnectionException(String message, boolean fatal) {
        super(message);
        this.fatal = fatal;
    }

    /** @return true if a configuration error stopped the connection, false if it was stopped on request */
    public boolean isFatal() {
        return fatal;
    }
}
