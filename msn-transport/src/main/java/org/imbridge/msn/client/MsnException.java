package org.imbridge.msn.client;

/**
 * Base of the exceptions the MSN client completes its stages with. The subclass says what kind of
 * failure it was, so a caller can tell "wrong password" ({@link MsnErrorException} 911) from
 * "unreachable" ({@link MsnConnectException}) or "no answer" ({@link MsnTimeoutException}).
 */
public class MsnException extends Exception {

    private static final long serialVersionUID = 1L;

    public MsnException(String message) {
        super(message);
    }

    public MsnException(String message, Throwable cause) {
        super(message, cause);
    }
}
