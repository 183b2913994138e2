package org.imbridge.msn.client;

import java.net.InetSocketAddress;

/** A TCP connection could not be made: refused, timed out, or the host name did not resolve. */
public final class MsnConnectException extends MsnException {

    private static final long serialVersionUID = 1L;

    private final transient InetSocketAddress address;

    public MsnConnectException(InetSocketAddress address, Throwable cause) {
        super("cannot connect to " + ServerAddress.format(address)
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.address = address;
    }

    /** The address that could not be reached. */
    public InetSocketAddress address() {
        return address;
    }
}
