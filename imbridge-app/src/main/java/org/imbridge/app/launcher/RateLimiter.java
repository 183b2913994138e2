package org.imbridge.app.launcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-user token buckets: each user may send {@code perMinute} messages in a burst, refilled evenly
 * over a minute. {@link #sweep} forgets users whose bucket is full again, so memory follows the
 * users who are active.
 */
final class RateLimiter {

    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one token for {@code user}; false when they have none left. */
    boolean tryAcquire(String user, int perMinute, long nowNanos) {
        return buckets.computeIfAbsent(user, u -> new Bucket(perMinute, nowNanos)).take(perMinute, nowNanos);
    }

    /** Forgets buckets that have refilled completely. */
    void sweep(int perMinute, long nowNanos) {
        buckets.values().removeIf(b -> b.isFull(perMinute, nowNanos));
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int perMinute, long now) {
            this.tokens = perMinute;
            this.last = now;
        }

        synchronized boolean take(int perMinute, long now) {
            refill(perMinute, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(int perMinute, long now) {
            refill(perMinute, now);
            return tokens >= perMinute;
        }

        private void refill(int perMinute, long now) {
            long elapsed = Math.max(0, now - last);
            tokens = Math.min(perMinute, tokens + (double) perMinute * elapsed / MINUTE_NANOS);
            last = now;
        }
    }
}
