package org.imbridge.xmpp.stream;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff: the n-th consecutive failure waits a random time between half and
 * all of {@code min × 2^(n-1)}, capped at {@code max}. Jitter keeps many transports that lost the same
 * server from reconnecting in lockstep. Not thread-safe; the connection calls it under its lock.
 */
final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    /**
     * @param min    delay bound after the first failure
     * @param max    largest delay bound
     * @param random source of the jitter
     */
    ReconnectBackoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.random = random;
    }

    /** @return the delay before the next attempt; each call counts one more failure */
    Duration nextDelay() {
        int shift = Math.min(failures, 30);
        failures++;
        long bound = Math.min(maxMillis, minMillis << shift);
        if (bound <= 0 || bound > maxMillis) {
            bound = maxMillis;
        }
        long half = bound / 2;
        return Duration.ofMillis(half + random.nextLong(bound - half + 1));
    }

    /** Called once a connection succeeded: the next failure starts again from the minimum. */
    void reset() {
        failures = 0;
    }
}
