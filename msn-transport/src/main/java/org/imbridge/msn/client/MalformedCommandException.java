package org.imbridge.msn.client;

/**
 * A server command that decoded as MSNP but has the wrong shape for its name (a missing parameter, a
 * version that is not a number …). The connection that received it is closed as a protocol error.
 */
final class MalformedCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedCommandException(String message) {
        super(message);
    }
}
