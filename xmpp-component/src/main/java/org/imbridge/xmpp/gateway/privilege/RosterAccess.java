package org.imbridge.xmpp.gateway.privilege;

/** What a XEP-0356 roster permission allows ({@code <perm access='roster' type='…'/>}). */
public enum RosterAccess {
    /** No roster access ({@code none}, absent, or an unknown type). */
    NONE,
    /** Roster get only. */
    GET,
    /** Roster set (push) only. */
    SET,
    /** Roster get and set. */
    BOTH;

    /**
     * @param type the {@code type} attribute, may be null
     * @return the access it names; {@link #NONE} for anything unknown
     */
    public static RosterAccess of(String type) {
        if (type == null) {
            return NONE;
        }
        return switch (type) {
            case "get" -> GET;
            case "set" -> SET;
            case "both" -> BOTH;
            default -> NONE;
        };
    }

    /** @return true if the component may get the user's roster */
    public boolean canRead() {
        return this == GET || this == BOTH;
    }

    /** @return true if the component may set (push) roster items */
    public boolean canWrite() {
        return this == SET || this == BOTH;
    }
}
