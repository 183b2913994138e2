package org.imbridge.msnserver.account;

import org.imbridge.msn.protocol.MsnpError;

/** A list or group change the rules refuse; carries the error reply the client gets. */
public final class ListOperationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient MsnpError error;

    public ListOperationException(MsnpError error) {
        super(error.wireName() + " " + error.meaning());
        this.error = error;
    }

    public MsnpError error() {
        return error;
    }
}
