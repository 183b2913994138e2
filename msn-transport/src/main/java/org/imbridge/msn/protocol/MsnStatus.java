package org.imbridge.msn.protocol;

/** Presence states (docs/msnp.md §4.1), with the words a user sees for them. */
public enum MsnStatus {
    NLN("Online"),
    BSY("Busy"),
    IDL("Idle"),
    BRB("Be Right Back"),
    AWY("Away"),
    PHN("On the Phone"),
    LUN("Out to Lunch"),
    HDN("Appear Offline"),
    FLN("Offline");

    private final String description;

    MsnStatus(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True for the states others see as online (everything but HDN and FLN). */
    public boolean isVisible() {
        return this != HDN && this != FLN;
    }

    /** The status for a wire token (case-sensitive), or {@code null}. */
    public static MsnStatus fromWire(String token) {
        for (MsnStatus s : values()) {
            if (s.name().equals(token)) {
                return s;
            }
        }
        return null;
    }
}
