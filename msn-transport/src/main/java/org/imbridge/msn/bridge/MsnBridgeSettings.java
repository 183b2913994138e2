package org.imbridge.msn.bridge;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the MSN adapter itself (the MSNP client has its own,
 * {@link org.imbridge.msn.client.MsnClientConfig}). {@link #defaults()} suits production; tests shorten
 * the typing expiry.
 *
 * @param typingExpiry       how long after a contact's last typing notice the contact counts as having
 *                           paused (MSN clients repeat the notice about every 5 s; Gaim waits 6 s, docs/msnp.md §8.2)
 * @param typingRepeat       the shortest time between two typing notices sent for the user (Gaim: 4 s)
 * @param maxWaitingMessages messages per conversation held in order until the contact has joined
 */
public record MsnBridgeSettings(Duration typingExpiry, Duration typingRepeat, int maxWaitingMessages) {

    public MsnBridgeSettings {
        positive(typingExpiry, "typingExpiry");
        positive(typingRepeat, "typingRepeat");
        if (maxWaitingMessages < 1) {
            throw new IllegalArgumentException("maxWaitingMessages must be at least 1: " + maxWaitingMessages);
        }
    }

    /** Typing expiry 6 s, typing notices at most every 4 s, 50 messages waiting per conversation. */
    public static MsnBridgeSettings defaults() {
        return new MsnBridgeSettings(Duration.ofSeconds(6), Duration.ofSeconds(4), 50);
    }

    /** These settings with another typing expiry. */
    public MsnBridgeSettings withTypingExpiry(Duration value) {
        return new MsnBridgeSettings(value, typingRepeat, maxWaitingMessages);
    }

    /** These settings with another minimum interval between outgoing typing notices. */
    public MsnBridgeSettings withTypingRepeat(Duration value) {
        return new MsnBridgeSettings(typingExpiry, value, maxWaitingMessages);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
