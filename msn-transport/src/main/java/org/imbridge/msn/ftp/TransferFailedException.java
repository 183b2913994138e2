package org.imbridge.msn.ftp;

/** Why a transfer's future failed; {@link #reason()} for the program, the message for people. */
public final class TransferFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The other end cancelled ({@code CCL}, or the cancel block). */
        CANCELLED_BY_PEER,
        /** Our side called {@code cancel()}. */
        CANCELLED,
        /** The peer did not connect, answer or send in time. */
        TIMEOUT,
        /** No connection, no free port, or the connection dropped before the end. */
        CONNECTION_FAILED,
        /** The peer broke the protocol. */
        PROTOCOL_ERROR,
        /** The sender announced another size than the invitation's. */
        SIZE_MISMATCH,
        /** The receiver presented the wrong handle or auth cookie. */
        AUTH_FAILED,
        /** Reading or writing the local file failed. */
        IO_ERROR
    }

    private final Reason reason;

    public TransferFailedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TransferFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
