package org.imbridge.core.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff: the n-th delay is a random value between half and all of
 * {@code min · 2ⁿ}, capped at {@code max}, so that many users who lost the same server do not all
 * come back at the same instant.
 */
public final class Backoff {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration min, Duration max) {
        this(min, max, null);
    }

    /** A backoff drawing its jitter from {@code random} (tests pass a seeded one). */
    public Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max: " + min + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt. */
    public Duration next() {
        long ceiling = min.toMillis() << Math.min(attempt, 20);
        ceiling = Math.min(ceiling, max.toMillis());
        attempt++;
        long floor = ceiling / 2;
        RandomGenerator r = random == null ? ThreadLocalRandom.current() : random;
        return Duration.ofMillis(floor + r.nextLong(ceiling - floor + 1));
    }

    /** Attempts made since the last reset. */
    public int attempts() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }
}
