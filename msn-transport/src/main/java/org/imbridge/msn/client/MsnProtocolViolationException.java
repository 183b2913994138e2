package org.imbridge.msn.client;

/**
 * The server answered something this client cannot work with: no common protocol version, no MD5
 * authentication, a redirect loop, or a reply of the wrong shape.
 */
public final class MsnProtocolViolationException extends MsnException {

    private static final long serialVersionUID = 1L;

    public MsnProtocolViolationException(String message) {
        super(message);
    }
}
