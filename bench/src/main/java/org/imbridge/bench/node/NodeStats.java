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
 * @param threadCpuNanos CPU time per thread group (thread names with their numbers removed)
 */
public record NodeStats(long cpuNanos, long userNanos, long systemNanos, long heapUsed, long heapCommitted,
                        int threads, int fds, int activeUsers, int msnConnections, Map<String, Long> threadCpuNanos) {

    /** Measures this process; {@code gc} runs full collections first so that heap shows live data. */
    static NodeStats measure(boolean gc, int activeUsers, int msnConnections) {
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
                openFileDescriptors(), activeUsers, msnConnections, threadCpu());
    }

    /** CPU per thread group; MINA renames its I/O threads after the processor class ({@code ShortReadNioProcessor-N}) while they run. */
    static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                groups.merge(info.getThreadName().replaceAll("[0-9]+", "N"), cpu, Long::sum);
            }
        }
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
