package org.imbridge.core.files;

import java.util.Objects;

import org.imbridge.core.model.LegacyAddress;

/**
 * A file a contact offers the user; the user's side answers with
 * {@link org.imbridge.core.network.LegacySession#acceptFile} or
 * {@link org.imbridge.core.network.LegacySession#declineFile}.
 *
 * @param from     the contact
 * @param offerId  the network session's name for the offer
 * @param fileName the name the contact gave it, made safe (no path, no control characters)
 * @param size     its size in bytes, as announced
 */
public record IncomingFile(LegacyAddress from, String offerId, String fileName, long size) {

    public IncomingFile {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(fileName, "fileName");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
