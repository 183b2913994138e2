package org.imbridge.msn.client;

/**
 * A local limit from {@link MsnClientConfig} was reached: too many messages queued on a switchboard
 * nobody has joined yet, or too many switchboards open for one account.
 */
public final class MsnLimitException extends MsnException {

    private static final long serialVersionUID = 1L;

    public MsnLimitException(String message) {
        super(message);
    }
}
