package org.imbridge.xmpp.files.share;

import java.io.IOException;

/** A file the share server would not take (over a cap, not a regular file). */
public final class FileShareException extends IOException {

    private static final long serialVersionUID = 1L;

    public FileShareException(String message) {
        super(message);
    }

    public FileShareException(String message, Throwable cause) {
        super(message, cause);
    }
}
