package org.imbridge.xmpp.gateway.unsupported;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * At most {@code max} notices per key within a sliding {@code window}; the ones refused are counted
 * and the count is handed over with the next notice allowed. Keys are bounded: beyond
 * {@code maxKeys}, keys with nothing recent are forgotten, and if all are recent, notices for new keys
 * are allowed untracked (a notice too many rather than a lost one).
 */
final class NoticeRateLimit<K> {

    private final int max;
    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final Map<K, Recent> recent = new HashMap<>();

    private static final class Recent {
        final ArrayDeque<Instant> sent = new ArrayDeque<>();
        int skipped;
    }

    NoticeRateLimit(int max, Duration window, int maxKeys, Clock clock) {
        this.max = max;
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /**
     * @return empty when the notice must be skipped (it was counted); otherwise how many were skipped
     *         for this key since the last one allowed
     */
    synchronized OptionalInt tryAcquire(K key) {
        Instant now = clock.instant();
        Recent r = recent.get(key);
        if (r == null) {
            if (recent.size() >= maxKeys) {
                forgetIdle(now);
                if (recent.size() >= maxKeys) {
                    return OptionalInt.of(0);
                }
            }
            r = new Recent();
            recent.put(key, r);
        }
        expire(r, now);
        if (r.sent.size() >= max) {
            r.skipped++;
            return OptionalInt.empty();
        }
        r.sent.addLast(now);
        int skipped = r.skipped;
        r.skipped = 0;
        return OptionalInt.of(skipped);
    }

    /** Forgets every key {@code belongs} says is gone (a user who unregistered). */
    synchronized void forget(java.util.function.Predicate<K> belongs) {
        recent.keySet().removeIf(belongs);
    }

    synchronized int keys() {
        return recent.size();
    }

    private void expire(Recent r, Instant now) {
        while (!r.sent.isEmpty() && !r.sent.peekFirst().isAfter(now.minus(window))) {
            r.sent.removeFirst();
        }
    }

    private void forgetIdle(Instant now) {
        recent.values().removeIf(r -> {
            expire(r, now);
            return r.sent.isEmpty() && r.skipped == 0;
        });
    }
}
