package org.imbridge.msn.ftp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fires once when nothing happened for the current timeout. Activity ({@link #touch()}) only stamps a
 * time, so a data block costs no rescheduling; the timer task re-arms itself for what is left.
 */
final class Watchdog {

    private final ScheduledExecutorService timer;
    private final Consumer<String> onExpiry;
    private volatile long lastActivity = System.nanoTime();
    private long timeoutNanos;
    private String waitingFor = "";
    private ScheduledFuture<?> task;
    private boolean stopped;

    /** @param onExpiry gets what was awaited, e.g. "the receiver to connect" */
    Watchdog(ScheduledExecutorService timer, Consumer<String> onExpiry) {
        this.timer = timer;
        this.onExpiry = onExpiry;
    }

    /** Starts (or restarts) waiting {@code timeout} for {@code what}, from now. */
    synchronized void await(Duration timeout, String what) {
        if (stopped) {
            return;
        }
        timeoutNanos = timeout.toNanos();
        waitingFor = what;
        lastActivity = System.nanoTime();
        if (task != null) {
            task.cancel(false);
        }
        task = timer.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    synchronized void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    private void check() {
        String what;
        synchronized (this) {
            if (stopped) {
                return;
            }
            long left = lastActivity + timeoutNanos - System.nanoTime();
            if (left > 0) {
                task = timer.schedule(this::check, left, TimeUnit.NANOSECONDS);
                return;
            }
            stopped = true;
            what = waitingFor;
        }
        onExpiry.accept(what);
    }
}
