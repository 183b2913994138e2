package org.imbridge.msnserver.account;

/** The BLP setting (docs/msnp.md §5.1): who may see and message a user who is on neither AL nor BL. */
public enum PrivacyMode {
    /** Everyone not on the block list. The default. */
    AL,
    /** Only the members of the allow list. */
    BL;

    /** The mode for a wire token, or {@code null}. */
    public static PrivacyMode fromWire(String token) {
        for (PrivacyMode m : values()) {
            if (m.name().equals(token)) {
                return m;
            }
        }
        return null;
    }
}
