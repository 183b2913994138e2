package org.imbridge.bench.driver;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Offers load at a fixed rate: every half millisecond it appends the messages now due (each stamped
 * with the current time) into one string and hands it to the sink, so the driver pays one write per
 * tick rather than one per message. If the driver falls behind, the backlog is sent at once: the
 * offered rate holds on average.
 */
public final class Pacer {

    /** Appends message number {@code seq}, stamped with {@code nowNanos}. */
    @FunctionalInterface
    public interface Load {
        void append(StringBuilder sb, long seq, long nowNanos);
    }

    /** Messages sent and the time it took. */
    public record Sent(long messages, long nanos) {
        public double perSecond() {
            return nanos == 0 ? 0 : messages * 1e9 / nanos;
        }
    }

    private static final int MAX_PER_WRITE = 1000;

    private Pacer() {
    }

    public static Sent run(double perSecond, long durationNanos, long firstSeq, Load load, Consumer<String> sink) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        long start = System.nanoTime();
        long sent = 0;
        long seq = firstSeq;
        while (true) {
            long now = System.nanoTime();
            long elapsed = now - start;
            if (elapsed >= durationNanos) {
                return new Sent(sent, elapsed);
            }
            long due = (long) (elapsed * perSecond / 1e9);
            while (sent < due) {
                int batch = (int) Math.min(MAX_PER_WRITE, due - sent);
                sb.setLength(0);
                for (int i = 0; i < batch; i++) {
                    load.append(sb, seq++, now);
                }
                sink.accept(sb.toString());
                sent += batch;
            }
            LockSupport.parkNanos(500_000);
        }
    }
}
