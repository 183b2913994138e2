package org.imbridge.msn.ftp;

/** An invitation body that is malformed, incomplete or over a limit; the message says which. */
public final class InvalidInvitationException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidInvitationException(String message) {
        super(message);
    }
}
