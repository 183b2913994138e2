package org.imbridge.msn.plugin.files;

import java.util.Locale;

/**
 * An invitation by its contact and cookie (cookies are chosen by whoever invites, so only the pair is
 * unique). {@link #offerId()} names it to the user's side.
 */
record TransferKey(String handle, long cookie) {

    TransferKey {
        handle = handle.toLowerCase(Locale.ROOT);
    }

    /** {@code cookie:handle}, e.g. {@code 1234:bob@hotmail.com}. */
    String offerId() {
        return cookie + ":" + handle;
    }

    /** The key an {@link #offerId()} names, or {@code null} when it names none. */
    static TransferKey ofOfferId(String offerId) {
        if (offerId == null) {
            return null;
        }
        int colon = offerId.indexOf(':');
        if (colon < 1 || colon > 10 || colon == offerId.length() - 1) {
            return null;
        }
        try {
            return new TransferKey(offerId.substring(colon + 1), Long.parseLong(offerId.substring(0, colon)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
