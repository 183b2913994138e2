package org.imbridge.xmpp.files.download;

import java.io.IOException;
import java.util.Objects;

/** A download that was refused or failed; the message names no query string or secret, so it may be shown. */
public final class DownloadException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The URL's host is not on the allow-list, or the URL is not http(s). */
        HOST_NOT_ALLOWED,
        /** The host resolves to an address of a private, local or special network. */
        PRIVATE_ADDRESS,
        /** The file is over the size limit. */
        TOO_LARGE,
        /** The server answered with a status other than 2xx (or a redirect followed). */
        HTTP_STATUS,
        /** The download did not finish within its time. */
        TIMEOUT,
        /** A redirect elsewhere, to another scheme, or too many redirects. */
        REDIRECT_REFUSED,
        /** Anything else: the host could not be resolved or reached, the file could not be written. */
        IO
    }

    private final Reason reason;

    public DownloadException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DownloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
