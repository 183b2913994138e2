package org.imbridge.msn.client;

/**
 * The server did not answer in time: login, a request, an acknowledgement, or an invited user's
 * {@code JOI}. The limits are in {@link MsnClientConfig}.
 */
public final class MsnTimeoutException extends MsnException {

    private static final long serialVersionUID = 1L;

    public MsnTimeoutException(String message) {
        super(message);
    }
}
