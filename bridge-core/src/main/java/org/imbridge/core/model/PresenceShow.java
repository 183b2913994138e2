package org.imbridge.core.model;

/** How available someone is, in the shape XMPP and most legacy networks share. */
public enum PresenceShow {
    AVAILABLE,
    CHAT,
    AWAY,
    XA,
    DND,
    UNAVAILABLE;

    public boolean isOnline() {
        return this != UNAVAILABLE;
    }
}
