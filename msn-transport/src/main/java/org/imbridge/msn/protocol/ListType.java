package org.imbridge.msn.protocol;

/** The four contact lists (docs/msnp.md §5.1). */
public enum ListType {
    /** Forward list: the user's contacts. */
    FL,
    /** Allow list: who may see and message the user. */
    AL,
    /** Block list: who may not. */
    BL,
    /** Reverse list: who has the user on their FL; maintained by the server only. */
    RL;

    /** The list for a wire token, or {@code null}. */
    public static ListType fromWire(String token) {
        for (ListType t : values()) {
            if (t.name().equals(token)) {
                return t;
            }
        }
        return null;
    }
}
