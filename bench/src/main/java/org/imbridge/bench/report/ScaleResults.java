package org.imbridge.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The scaling curve: one transport, users brought online step by step, and at each point what it holds
 * and costs. A point this machine cannot reach is kept with the reason, so the curve says where it
 * stopped and why.
 */
public final class ScaleResults {

    /** The heap target at the largest point: this many users in at most 1 GiB. */
    public static final int TARGET_USERS = 40_000;

    /**
     * One point of the curve.
     *
     * @param users        users meant to be online
     * @param online       users online (0 when not measured)
     * @param loginsPerSec the rate of the step's storm (the users added since the last point)
     * @param cpuMsPerLogin transport CPU per login of that storm
     * @param heapBytes    transport heap in use after a full GC
     * @param heapKiBPerUser (heap − the empty transport's heap) per online user
     * @param idleCpuPercent transport CPU with everyone online and no traffic, % of one core
     * @param threads      transport threads
     * @param fds          transport file descriptors
     * @param notMeasured  why the point was skipped, or null
     */
    public record Point(int users, int online, double loginsPerSec, double cpuMsPerLogin, long heapBytes,
                        double heapKiBPerUser, double idleCpuPercent, int threads, int fds, String notMeasured) {

        public static Point skipped(int users, String why) {
            return new Point(users, 0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, 0, 0, why);
        }

        boolean measured() {
            return notMeasured == null;
        }
    }

    private final Map<String, Object> config;
    private final double loadAverageAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    private final List<Point> points = new ArrayList<>();
    private final List<String> limits = new ArrayList<>();
    private String pinning = "none";
    private long baseHeap;

    public ScaleResults(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    public void pinning(String what) {
        pinning = what;
    }

    /** A limit of this machine that shapes the curve, in words (descriptors, ports). */
    public void limit(String what) {
        limits.add(what);
    }

    public void baseHeap(long bytes) {
        baseHeap = bytes;
    }

    /** Adds a point; the curve keeps them in order of users. */
    public void add(Point point) {
        points.add(point);
        points.sort(java.util.Comparator.comparingInt(Point::users));
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    /** Every point that was measured had all its users online. */
    public boolean complete() {
        return points.stream().filter(Point::measured).allMatch(p -> p.online() == p.users())
                && points.stream().anyMatch(Point::measured);
    }

    /** Heap for {@link #TARGET_USERS} at the largest measured point's KiB per user, in MiB; an estimate. */
    public double heapMiBAtTarget() {
        return points.stream().filter(Point::measured).reduce((a, b) -> b)
                .map(p -> (baseHeap + p.heapKiBPerUser() * 1024 * TARGET_USERS) / 1048576.0).orElse(Double.NaN);
    }

    public String table() {
        StringBuilder t = new StringBuilder();
        String row = "%8s %8s %10s %10s %10s %9s %10s %8s %8s%n";
        t.append(String.format(row, "users", "online", "logins/s", "CPU ms/", "heap MiB", "KiB/user", "idle CPU", "threads", "fds"));
        t.append(String.format(row, "", "", "(step)", "login", "after GC", "", "% core", "", ""));
        t.append("-".repeat(92)).append('\n');
        for (Point p : points) {
            if (!p.measured()) {
                t.append(String.format("%8s not measured: %s%n", String.format("%,d", p.users()), p.notMeasured()));
                continue;
            }
            t.append(String.format(row, String.format("%,d", p.users()), String.format("%,d", p.online()),
                    String.format("%,.0f", p.loginsPerSec()), String.format("%.2f", p.cpuMsPerLogin()),
                    String.format("%.1f", p.heapBytes() / 1048576.0), String.format("%.1f", p.heapKiBPerUser()),
                    String.format("%.1f", p.idleCpuPercent()), p.threads(), p.fds()));
        }
        t.append(String.format("empty transport's heap %.1f MiB; pinning: %s%n", baseHeap / 1048576.0, pinning));
        limits.forEach(l -> t.append("limit: ").append(l).append('\n'));
        t.append(String.format("%,d users at the last measured point's KiB/user would need %.0f MiB of heap "
                + "(an estimate, not a measurement; target <= 1024)%n", TARGET_USERS, heapMiBAtTarget()));
        t.append(String.format("load average at start: %.2f%n", loadAverageAtStart));
        return t.toString();
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", new java.util.TreeMap<>(config));
        root.put("pinning", pinning);
        root.put("limits", limits);
        root.put("baseHeapBytes", baseHeap);
        root.put("points", points);
        root.put("heapMiBEstimatedAt" + TARGET_USERS, heapMiBAtTarget());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
