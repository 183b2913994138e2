package org.imbridge.msn.ftp;

import java.util.Locale;

/**
 * The {@code Cancel-Code} of a CANCEL. Parsing is lenient: a code we do not know is {@link #OTHER}, and
 * {@link FileInvitation#cancelCodeText()} keeps what was sent.
 */
public enum CancelCode {
    /** The user declined. */
    REJECT,
    /** Nobody answered the invitation in time. */
    TIMEOUT,
    /** The transfer connection could not be made or stalled. */
    FTTIMEOUT,
    /** Cancelled once the transfer had started (on the MSNFTP connection). */
    OUTBANDCANCEL,
    /** The receiving client cannot do this kind of invitation. */
    REJECT_NOT_INSTALLED,
    /** Any other failure. */
    FAIL,
    /** A code not listed here. */
    OTHER;

    /** The code for {@code text}, ignoring case and surrounding blanks; {@link #OTHER} when unknown. */
    public static CancelCode parse(String text) {
        if (text == null) {
            return OTHER;
        }
        String code = text.trim().toUpperCase(Locale.ROOT);
        for (CancelCode c : values()) {
            if (c != OTHER && c.name().equals(code)) {
                return c;
            }
        }
        return OTHER;
    }
}
