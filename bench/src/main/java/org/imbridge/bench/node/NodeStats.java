package org.imbridge.bench.node;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a node process reports about itself: CPU time of the whole process, heap, threads, open file
 * descriptors, and (for a transport node) how many users are bridged and how many MSN connections
 * are open.
 *
 * @param cpuNanos       process CPU time (all threads, GC included)
 * @param userNanos      of which in user mode ({@code /proc/self/stat}), -1 where unknown
 * @param systemNanos    of which in the kernel (system calls: socket reads and writes, wake-ups)
 * @param heapUsed       heap in use, in bytes (after a full GC when asked for)
 * @param heapCommitted  heap committed, in bytes
 * @param threads        live threads
 * @param fds            open file descriptors ({@code /proc/self/fd}), -1 where unknown
 * @param activeUsers    bridged users with a live session
 * @param msnConnections open MSN TCP connections
 * @param threadCpuNanos CPU time per live thread, keyed {@code id/group} (the group is the thread's name with
 *                       its numbers removed); see {@link #threadCpuSince}
 * @param storeCalls     calls to the registration store so far, per method (empty for the relay)
 * @param storeNanos     wall-clock time spent in those calls, over all threads
 * @param maxFds         the process's limit on open file descriptors, -1 where unknown
 */
public record NodeStats(long cpuNanos, long userNanos, long systemNanos, long heapUsed, long heapCommitted,
                        int threads, int fds, int activeUsers, int msnConnections, Map<String, Long> threadCpuNanos,
                        Map<String, Long> storeCalls, long storeNanos, long maxFds) {

    /** Measures this process; {@code gc} runs full collections first so that heap shows live data. */
    static NodeStats measure(boolean gc, int activeUsers, int msnConnections) {
        return measure(gc, activeUsers, msnConnections, Map.of(), 0);
    }

    /** {@link #measure(boolean, int, int)} with what the registration store was asked so far. */
    static NodeStats measure(boolean gc, int activeUsers, int msnConnections, Map<String, Long> storeCalls,
                             long storeNanos) {
        if (gc) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long[] userSystem = userAndSystemNanos();
        return new NodeStats(cpu, userSystem[0], userSystem[1], memory.getHeapMemoryUsage().getUsed(),
                memory.getHeapMemoryUsage().getCommitted(), ManagementFactory.getThreadMXBean().getThreadCount(),
                openFileDescriptors(), activeUsers, msnConnections, threadCpu(), storeCalls, storeNanos,
                maxOpenFiles());
    }

    /**
     * CPU per live thread, keyed by id and group. By id, because MINA renames its I/O threads after the
     * processor class ({@code ShortReadNioProcessor-N}) only while they have sessions: grouped by name
     * alone, a thread that was idle at the first reading would bring its whole past into the difference.
     */
    static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = threads.getThreadCpuTime(info.getThreadId());
            if (ns > 0) {
                cpu.put(info.getThreadId() + "/" + info.getThreadName().replaceAll("[0-9]+", "N"), ns);
            }
        }
        return cpu;
    }

    /**
     * CPU per thread group between {@code before} and this reading: each thread's difference (a thread
     * born since counts whole), summed under its present group.
     */
    public Map<String, Long> threadCpuSince(NodeStats before) {
        Map<String, Long> earlier = new java.util.HashMap<>();
        before.threadCpuNanos().forEach((key, ns) -> earlier.put(key.substring(0, key.indexOf('/')), ns));
        Map<String, Long> groups = new TreeMap<>();
        threadCpuNanos.forEach((key, ns) -> {
            int slash = key.indexOf('/');
            long d = ns - earlier.getOrDefault(key.substring(0, slash), 0L);
            if (d > 0) {
                groups.merge(key.substring(slash + 1), d, Long::sum);
            }
        });
        return groups;
    }

    /** utime and stime of this process from {@code /proc/self/stat}, assuming 100 clock ticks per second. */
    static long[] userAndSystemNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(3) ... utime(14) stime(15), i.e. indexes 11 and 12 here
            return new long[] {Long.parseLong(f[11]) * 10_000_000L, Long.parseLong(f[12]) * 10_000_000L};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** The soft limit on open files from {@code /proc/self/limits} (the JVM raises it to the hard one), or -1. */
    public static long maxOpenFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    static int openFileDescriptors() {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fd)) {
            for (Path ignored : entries) {
                n++;
            }
        } catch (IOException e) {
            return -1;
        }
        return n - 1; // the directory stream's own descriptor
    }
}
