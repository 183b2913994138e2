package org.imbridge.xmpp.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on stanzas accepted for sending and not yet written: a count that senders take a place in
 * and write completions give back. A sender that finds it full may wait for a place (back-pressure
 * instead of a dropped stanza); the thread that completes the writes must never wait here, or nothing
 * would ever give a place back.
 */
final class OutgoingRoom {

    private final int capacity;
    private final AtomicInteger taken = new AtomicInteger();
    private final Object changed = new Object();
    /** Senders waiting; write completions only take the monitor when there are some. */
    private final AtomicInteger waiting = new AtomicInteger();

    OutgoingRoom(int capacity) {
        this.capacity = capacity;
    }

    /** Takes a place if there is one; never waits. */
    boolean tryTake() {
        while (true) {
            int now = taken.get();
            if (now >= capacity) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back {@code n} places (written, failed or dropped) and wakes waiting senders. */
    void giveBack(int n) {
        taken.addAndGet(-n);
        if (waiting.get() > 0) {
            synchronized (changed) {
                changed.notifyAll();
            }
        }
    }

    /**
     * Waits until there is a place or {@code deadlineNanos} ({@link System#nanoTime()}) has passed; does
     * not take it. True when there was a place.
     */
    boolean awaitPlace(long deadlineNanos) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            synchronized (changed) {
                while (taken.get() >= capacity) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                }
                return true;
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    int taken() {
        return taken.get();
    }
}
