package org.imbridge.core.model;

import java.util.Objects;

/**
 * A presence: how available, and an optional status text (on legacy networks often the name of the
 * state, such as "Be Right Back").
 */
public record Presence(PresenceShow show, String status) {

    public static final Presence UNAVAILABLE = new Presence(PresenceShow.UNAVAILABLE, null);
    public static final Presence AVAILABLE = new Presence(PresenceShow.AVAILABLE, null);

    public Presence {
        Objects.requireNonNull(show, "show");
    }

    public static Presence of(PresenceShow show) {
        return new Presence(show, null);
    }

    public boolean isOnline() {
        return show.isOnline();
    }
}
