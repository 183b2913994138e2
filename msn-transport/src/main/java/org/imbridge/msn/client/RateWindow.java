package org.imbridge.msn.client;

import java.time.Duration;

/** Counts events in fixed windows: {@link #tryAcquire()} is false once {@code limit} events fell in the current window. */
final class RateWindow {

    private final int limit;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private int count;

    RateWindow(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            count = 0;
        }
        if (count >= limit) {
            return false;
        }
        count++;
        return true;
    }
}
