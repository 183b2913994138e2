package org.imbridge.bench.driver;

import java.util.Arrays;

/** Latency samples in nanoseconds, recorded from any thread; percentiles on a sorted copy. */
public final class Latencies {

    private long[] samples = new long[1 << 16];
    private int count;

    public synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    public synchronized void clear() {
        count = 0;
    }

    /** Percentiles of what was recorded, in milliseconds. */
    public synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Summary(count, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999),
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Sample count and p50 / p99 / p99.9 / max in milliseconds. */
    public record Summary(int count, double p50, double p99, double p999, double max) {
    }
}
