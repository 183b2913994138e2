package org.imbridge.core.files;

import java.util.Objects;

/**
 * Why a file did not get across, in words a user understands; transfers complete exceptionally with it.
 */
public final class TransferFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for notices, metrics and the other side's cancel code. */
    public enum Reason {
        /** The other side said no. */
        DECLINED,
        /** Nobody answered, or the data stopped coming, in time. */
        TIMED_OUT,
        /** Over a size limit. */
        TOO_LARGE,
        /** The data connection could not be made or broke. */
        CONNECTION_FAILED,
        /** One side cancelled while it was under way. */
        CANCELLED,
        /** The other side broke the file transfer protocol. */
        PROTOCOL_ERROR,
        /** Too many transfers at once for this user, or the transport is stopping. */
        BUSY,
        /** The network or the contact cannot take files. */
        UNSUPPORTED,
        /** A local problem (disk). */
        LOCAL_ERROR
    }

    private final Reason reason;

    public TransferFailure(Reason reason, String userText) {
        super(userText);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TransferFailure(Reason reason, String userText, Throwable cause) {
        super(userText, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The same failure as the one {@code e} carries, or a connection failure around it. */
    public static TransferFailure of(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof TransferFailure f ? f
                : new TransferFailure(Reason.CONNECTION_FAILED, "The transfer failed: " + t.getMessage(), t);
    }
}
