package org.imbridge.msnserver.wire;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State shared by the three servers: the one lock that serialises every change to network state
 * (accounts, who is online, switchboard rooms), the scheduler for timers, the clock and the random
 * source for salts, challenges and cookies.
 *
 * <p>Commands are handled with the lock held; handlers only touch memory and queue writes, so the
 * lock is held briefly and never across I/O waits.
 */
public final class ServerContext {

    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);

    private final Object lock;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder commandsReceived = new LongAdder();

    public ServerContext(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "msn-server-timers");
            t.setDaemon(true);
            return t;
        });
    }

    public Object lock() {
        return lock;
    }

    public Clock clock() {
        return clock;
    }

    /** Counts a connection accepted by one of the servers (dispatch, notification, switchboard). */
    public void connectionOpened() {
        connectionsOpened.increment();
    }

    /** Counts a command received from a client, on any of the servers. */
    public void commandReceived() {
        commandsReceived.increment();
    }

    /** Connections accepted so far, on all servers. */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    /** Client commands received so far, on all servers. */
    public long commandsReceived() {
        return commandsReceived.sum();
    }

    /** Runs {@code task} with the lock held. */
    public void locked(Runnable task) {
        synchronized (lock) {
            task.run();
        }
    }

    /** Computes a value with the lock held. */
    public <T> T locked(Supplier<T> task) {
        synchronized (lock) {
            return task.get();
        }
    }

    /**
     * Runs {@code task} with the lock held after {@code delay}. Exceptions are logged, never lost.
     * After {@link #shutdown()} nothing is scheduled and {@code null} is returned.
     */
    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        if (scheduler.isShutdown()) {
            return null;
        }
        try {
            return scheduler.schedule(() -> {
                try {
                    locked(task);
                } catch (RuntimeException e) {
                    LOG.error("timer task failed", e);
                }
            }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    /** A string of {@code count} random decimal digits (leading zeros possible). */
    public String digits(int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** A random number in {@code [min, max]}. */
    public long between(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    /** Seconds since the epoch. */
    public long unixTime() {
        return clock.instant().getEpochSecond();
    }

    /** A monotonic time stamp in nanoseconds, for idle tracking. */
    public long nanoTime() {
        return System.nanoTime();
    }

    public void shutdown() {
        scheduler.shutdownNow();
    }
}
