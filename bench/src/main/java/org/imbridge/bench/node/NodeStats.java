package org.imbridge.bench.node;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a node process reports about itself: CPU time of the whole process, heap, threads, open file
 * descriptors, and (for a transport node) how many users are bridged and how many MSN connections
 * are open.
 *
 * @param cpuNanos       process CPU time (all threads, GC included)
 * @param heapUsed       heap in use, in bytes (after a full GC when asked for)
 * @param heapCommitted  heap committed, in bytes
 * @param threads        live threads
 * @param fds            open file descriptors ({@code /proc/self/fd}), -1 where unknown
 * @param activeUsers    bridged users with a live session
 * @param msnConnections open MSN TCP connections
 */
public record NodeStats(long cpuNanos, long heapUsed, long heapCommitted, int threads, int fds,
                        int activeUsers, int msnConnections) {

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
        return new NodeStats(cpu, memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getCommitted(),
                ManagementFactory.getThreadMXBean().getThreadCount(), openFileDescriptors(), activeUsers, msnConnections);
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
