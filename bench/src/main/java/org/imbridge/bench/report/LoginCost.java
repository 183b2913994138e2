package org.imbridge.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imbridge.bench.node.NodeStats;

/**
 * What a login storm cost, per login: the transport's CPU split by thread group (what is left over
 * belongs to threads the JVM does not list: the JIT compilers and the garbage collector), the driver's
 * CPU (our MSN network and the fake XMPP server), MSN connections and commands as our MSN network
 * counted them, registration-store calls and their time, and stanzas the transport sent.
 *
 * @param logins              users who came online in the storm
 * @param seconds             from the first presence sent to the last user online
 * @param cpuMs               transport CPU per login
 * @param threadMs            transport CPU per login and thread group (groups under 0.01 ms left out)
 * @param unlistedMs          CPU per login of threads the JVM does not list (JIT compilers, GC)
 * @param driverMs            driver CPU per login
 * @param msnConnections      TCP connections to our MSN network per login
 * @param msnCommands         commands our MSN network received per login
 * @param storeCalls          registration-store calls per login, by method
 * @param storeMs             wall-clock time in the store per login (all threads)
 * @param stanzasOut          stanzas the transport sent per login (roster sync, presences)
 */
public record LoginCost(int logins, double seconds, double cpuMs, Map<String, Double> threadMs, double unlistedMs,
                        double driverMs, double msnConnections, double msnCommands, Map<String, Double> storeCalls,
                        double storeMs, double stanzasOut) {

    /**
     * Counters on both sides of a storm.
     *
     * @param node           the transport's own figures
     * @param driverCpuNanos the driver process's CPU
     * @param msnConnections connections our MSN network accepted so far
     * @param msnCommands    commands it received so far
     * @param stanzas        stanzas the driver received from the transport so far
     */
    public record Counters(NodeStats node, long driverCpuNanos, long msnConnections, long msnCommands, long stanzas) {
    }

    /** Per-login figures between {@code before} and {@code after}; counts may be taken later ({@code settled}). */
    public static LoginCost between(int logins, long nanos, Counters before, Counters after, Counters settled) {
        double n = Math.max(1, logins);
        double cpu = (after.node().cpuNanos() - before.node().cpuNanos()) / 1e6 / n;
        Map<String, Double> threads = new TreeMap<>();
        long listed = 0;
        for (Map.Entry<String, Long> e : after.node().threadCpuSince(before.node()).entrySet()) {
            long d = e.getValue();
            listed += d;
            if (d / 1e6 / n >= 0.01) {
                threads.put(e.getKey(), Math.round(d / 1e4 / n) / 100.0);
            }
        }
        double unlisted = Math.max(0, (after.node().cpuNanos() - before.node().cpuNanos() - listed) / 1e6 / n);
        Map<String, Double> store = new TreeMap<>();
        settled.node().storeCalls().forEach((method, count) -> {
            double per = (count - before.node().storeCalls().getOrDefault(method, 0L)) / n;
            if (per > 0) {
                store.put(method, Math.round(per * 100) / 100.0);
            }
        });
        return new LoginCost(logins, nanos / 1e9, cpu, threads, unlisted,
                (after.driverCpuNanos() - before.driverCpuNanos()) / 1e6 / n,
                (settled.msnConnections() - before.msnConnections()) / n,
                (settled.msnCommands() - before.msnCommands()) / n, store,
                (settled.node().storeNanos() - before.node().storeNanos()) / 1e6 / n,
                (settled.stanzas() - before.stanzas()) / n);
    }

    public double perSecond() {
        return seconds <= 0 ? Double.NaN : logins / seconds;
    }

    /** Store calls per login, all methods together. */
    public double storeCallsTotal() {
        return storeCalls.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Lines for the table, each already formatted. */
    public List<String> lines(String label) {
        StringBuilder threads = new StringBuilder();
        threadMs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
                .forEach(e -> threads.append(String.format("%s %.2f, ", e.getKey(), e.getValue())));
        return List.of(
                String.format("%s: %,d logins in %.2f s (%,.0f/s); transport CPU %.2f ms/login, driver %.2f ms/login",
                        label, logins, seconds, perSecond(), cpuMs, driverMs),
                String.format("  transport CPU by thread, ms/login: %sJIT compilers and GC %.2f", threads, unlistedMs),
                String.format("  per login: %.1f MSN connections, %.1f MSN commands, %.1f store calls (%.3f ms) %s, "
                        + "%.1f stanzas sent to XMPP", msnConnections, msnCommands, storeCallsTotal(), storeMs,
                        storeCalls, stanzasOut));
    }

    /** For the JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logins", logins);
        m.put("seconds", seconds);
        m.put("loginsPerSecond", perSecond());
        m.put("transportCpuMsPerLogin", cpuMs);
        m.put("transportThreadCpuMsPerLogin", threadMs);
        m.put("jitAndGcCpuMsPerLogin", unlistedMs);
        m.put("driverCpuMsPerLogin", driverMs);
        m.put("msnConnectionsPerLogin", msnConnections);
        m.put("msnCommandsPerLogin", msnCommands);
        m.put("storeCallsPerLogin", storeCalls);
        m.put("storeMsPerLogin", storeMs);
        m.put("stanzasSentPerLogin", stanzasOut);
        return m;
    }
}
