package org.imbridge.msn.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * At most one notice per sender and kind per window (e.g. one "a wink" notice per contact per minute
 * on one switchboard), so that a contact cannot flood the user with notices. Remembers at most
 * {@link #MAX_KEYS} senders and kinds; when full, expired ones are forgotten first, and if none has
 * expired the notice is refused. Thread-safe.
 */
final class NoticeLimiter {

    static final int MAX_KEYS = 256;

    private final long windowNanos;
    private final Map<String, Long> lastNotice = new HashMap<>();

    NoticeLimiter(Duration window) {
        this.windowNanos = window.toNanos();
    }

    synchronized boolean tryAcquire(String handle, String kind, long nowNanos) {
        String key = ContactList.key(handle) + " " + kind;
        Long last = lastNotice.get(key);
        if (last != null && nowNanos - last < windowNanos) {
            return false;
        }
        if (last == null && lastNotice.size() >= MAX_KEYS) {
            lastNotice.values().removeIf(t -> nowNanos - t >= windowNanos);
            if (lastNotice.size() >= MAX_KEYS) {
                return false;
            }
        }
        lastNotice.put(key, nowNanos);
        return true;
    }
}
