package org.imbridge.xmpp.files.upload;

import java.io.IOException;

/** An upload that failed; the message names no secret and no query string, so it may be shown. */
public final class UploadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public UploadException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** @return the HTTP status the server answered with, or 0 when it did not answer */
    public int status() {
        return status;
    }
}
