package org.imbridge.msn.client;

/** The account's {@code BLP} setting: who may see and message the user (docs/msnp.md §5.1). */
public enum PrivacyMode {
    /** Everyone not on the block list (the default). */
    AL,
    /** Only members of the allow list. */
    BL;

    static PrivacyMode fromWire(String token) {
        return "BL".equals(token) ? BL : "AL".equals(token) ? AL : null;
    }
}
