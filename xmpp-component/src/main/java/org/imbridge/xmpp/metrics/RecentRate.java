package org.imbridge.xmpp.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Counts events over the last minute, in one-second buckets (approximate at bucket edges, exact
 * enough for "messages per minute"). Thread-safe, allocation-free on {@link #record()}.
 */
public final class RecentRate {

    private static final int SECONDS = 60;

    private final AtomicLongArray counts = new AtomicLongArray(SECONDS);
    private final AtomicLongArray stamps = new AtomicLongArray(SECONDS);
    private final LongSupplier clockSeconds;

    public RecentRate() {
        this(() -> System.nanoTime() / 1_000_000_000L);
    }

    RecentRate(LongSupplier clockSeconds) {
        this.clockSeconds = clockSeconds;
    }

    /** One event now. */
    public void record() {
        long now = clockSeconds.getAsLong();
        int slot = Math.floorMod(now, SECONDS);
        long stamp = stamps.get(slot);
        if (stamp != now && stamps.compareAndSet(slot, stamp, now)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** Events in the last 60 seconds. */
    public long lastMinute() {
        long now = clockSeconds.getAsLong();
        long sum = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (now - stamps.get(i) < SECONDS) {
                sum += counts.get(i);
            }
        }
        return sum;
    }
}
