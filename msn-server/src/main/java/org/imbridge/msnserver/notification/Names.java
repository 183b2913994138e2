package org.imbridge.msnserver.notification;

import java.nio.charset.StandardCharsets;

import org.imbridge.msn.protocol.MsnpNames;

/** URL-encoded name parameters (friendly names, group names) and their length limits (docs/msnp.md §2.3). */
final class Names {

    /** ADG / LSG group name limit in encoded bytes. */
    static final int MAX_GROUP_NAME_BYTES = 61;
    /** REG group name limit in encoded bytes. */
    static final int MAX_RENAMED_GROUP_NAME_BYTES = 127;

    private Names() {
    }

    /**
     * The decoded name, or {@code null} when the parameter as sent or as we would send it on is longer
     * than {@code maxBytes}. Any-case {@code %XX} and raw UTF-8 are accepted.
     */
    static String decode(String token, int maxBytes) {
        if (token.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return null;
        }
        String name = MsnpNames.decode(token);
        return MsnpNames.encode(name).length() > maxBytes ? null : name;
    }

    /** The parameter form of a stored name. */
    static String wire(String name) {
        return MsnpNames.encode(name);
    }
}
