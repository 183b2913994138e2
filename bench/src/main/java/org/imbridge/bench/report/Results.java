package org.imbridge.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imbridge.bench.driver.Latencies;
import org.imbridge.bench.node.NodeStats;

/** What a bench run measured: collected scenario by scenario, printed as a table and written as JSON. */
public final class Results {

    /**
     * One fixed-rate run.
     *
     * @param offered            msgs/s asked for
     * @param seconds            how long it was offered
     * @param sent               messages sent
     * @param sentPerSecond      the rate the driver achieved
     * @param delivered          messages that arrived (within the run and 5 s of draining)
     * @param deliveredPerSecond delivered over the time from the first send to the last arrival
     * @param latency            end-to-end latency
     * @param cpuMsPer1000       CPU of the node process per 1,000 delivered messages, in ms
     * @param systemMsPer1000    of which in the kernel
     * @param threadMsPer1000    of which per thread group
     * @param nodeCpuPercent     the node's CPU use, in percent of one core
     * @param driverCpuPercent   the driver's (load generator and MSN network) CPU use, percent of one core
     * @param errors             error stanzas received
     * @param sustained          everything arrived, the driver kept up, p99 under the bound, no errors
     */
    public record Step(int offered, int seconds, long sent, double sentPerSecond, long delivered,
                       double deliveredPerSecond, Latencies.Summary latency, double cpuMsPer1000,
                       double systemMsPer1000, Map<String, Double> threadMsPer1000, double nodeCpuPercent, double driverCpuPercent, long errors, boolean sustained) {
    }

    private final Map<String, Object> config;
    private final double loadAverageAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    /** The machine's CPUs, counted before the driver pins itself to one. */
    private final int cores = Runtime.getRuntime().availableProcessors();
    private double loadAverageAtEnd;
    private NodeStats base;
    private NodeStats idle;
    private int switchboards;
    private int loginUsers;
    private int loginOnline;
    private long loginNanos;
    /** Transport CPU per login of each counted storm. */
    private final List<Double> stormCpuMsPerLogin = new ArrayList<>();
    private long listenOverflows;
    private double idleCpuPercent = Double.NaN;
    private Map<String, Double> loginThreadMs = Map.of();
    private Step bridgeLatency;
    private List<Step> bridgeSteps = List.of();
    private Step relayLatency;
    private List<Step> relaySteps = List.of();
    private long bridgeErrors;
    private String lastError;
    private final List<double[]> loginRuns = new ArrayList<>();
    private List<Step> bridgeLatencyRuns = List.of();
    private List<Step> relayLatencyRuns = List.of();
    private List<List<Step>> bridgeStepRuns = List.of();
    private List<List<Step>> relayStepRuns = List.of();
    private String pinning = "none";
    private String loopback = "notification server on one loopback address";
    private LoginCost coldLogin;
    private final List<LoginCost> warmLogins = new ArrayList<>();

    /** @param config the run's settings, echoed into the JSON */
    public Results(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    public void base(NodeStats stats) {
        base = stats;
    }

    /** One login storm (on a freshly started transport); the figures are the median storm's. */
    public void loginStorm(int users, int online, long nanos) {
        loginRuns.add(new double[] {online, nanos, online / (nanos / 1e9)});
        loginUsers = users;
        loginOnline = (int) Repeated.median(loginRuns, r -> r[0]);
        loginNanos = (long) Repeated.median(loginRuns, r -> r[1]);
    }

    /** What the bench pinned where, in words (taskset). */
    public void pinning(String what) {
        pinning = what;
    }

    /** Which loopback addresses our MSN network's notification server listened on, in words. */
    public void loopback(String what) {
        loopback = what;
    }

    /** The node's CPU use with everyone online and no traffic, in percent of one core. */
    public void idleCpu(double percentOfOneCore) {
        idleCpuPercent = percentOfOneCore;
    }

    /** Connections the kernel dropped (full accept queue) during the login storm, machine-wide. */
    public void listenOverflows(long count) {
        listenOverflows = count;
    }

    /** CPU the node's threads spent on the (last) login storm, per thread group. */
    public void loginCpu(NodeStats before, NodeStats after) {
        loginThreadMs = perThread(before, after, 1e6);
    }

    /** Transport CPU per login of one counted storm. */
    public void stormCpu(double msPerLogin) {
        stormCpuMsPerLogin.add(msPerLogin);
    }

    /** @return the median over the counted storms of the transport's CPU per login */
    public double stormCpuMsPerLogin() {
        return Repeated.median(stormCpuMsPerLogin, Double::doubleValue);
    }

    /** What a login cost on the freshly started transport (the last storm). */
    public void coldLogin(LoginCost cost) {
        coldLogin = cost;
    }

    public LoginCost coldLogin() {
        return coldLogin;
    }

    /** What a login cost when everyone logged in again on a warm transport; one per transport. */
    public void warmLogin(LoginCost cost) {
        warmLogins.add(cost);
    }

    /** @return the warm storm with the median rate (the slower middle one of an even count), or null */
    public LoginCost warmLogin() {
        if (warmLogins.isEmpty()) {
            return null;
        }
        List<LoginCost> byRate = new ArrayList<>(warmLogins);
        byRate.sort(Comparator.comparingDouble(LoginCost::perSecond));
        return byRate.get((byRate.size() - 1) / 2);
    }

    /** Per thread group CPU between two stats, divided by {@code divisor} nanoseconds. */
    public static Map<String, Double> perThread(NodeStats before, NodeStats after, double divisor) {
        Map<String, Double> out = new java.util.TreeMap<>();
        after.threadCpuSince(before).forEach((name, ns) -> {
            double d = ns / divisor;
            if (d > 0.05) {
                out.put(name, Math.round(d * 100) / 100.0);
            }
        });
        return out;
    }

    /**
     * CPU per 1,000 messages of the threads a JVM does not list, its JIT compilers and garbage collector:
     * the node's CPU less that of its listed threads.
     */
    public static double unlistedMsPer1000(Step step) {
        double listed = step.threadMsPer1000().values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(0, step.cpuMsPer1000() - listed);
    }

    public void idle(NodeStats stats, int switchboardSessions) {
        idle = stats;
        switchboards = switchboardSessions;
    }

    /** The latency scenario's runs; its figures are their medians. */
    public void bridgeLatency(List<Step> runs) {
        bridgeLatencyRuns = List.copyOf(runs);
        bridgeLatency = Repeated.median(runs);
    }

    /** The throughput steps' runs, a list per offered rate; each step is the median of its runs. */
    public void bridgeSteps(List<List<Step>> runs) {
        bridgeStepRuns = List.copyOf(runs);
        bridgeSteps = runs.stream().map(Repeated::median).toList();
    }

    public void relayLatency(List<Step> runs) {
        relayLatencyRuns = List.copyOf(runs);
        relayLatency = Repeated.median(runs);
    }

    public void relaySteps(List<List<Step>> runs) {
        relayStepRuns = List.copyOf(runs);
        relaySteps = runs.stream().map(Repeated::median).toList();
    }

    public void bridgeErrors(long errors, String last) {
        bridgeErrors = errors;
        lastError = last;
    }

    public void finish() {
        loadAverageAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // ---- derived figures ----

    /** The median storm's rate. */
    public double loginsPerSecond() {
        return loginRuns.isEmpty() ? 0 : Repeated.median(loginRuns, r -> r[2]);
    }

    public double heapPerUserKiB() {
        if (base == null || idle == null || loginOnline == 0) {
            return Double.NaN;
        }
        return (idle.heapUsed() - base.heapUsed()) / 1024.0 / loginOnline;
    }

    public boolean allOnline() {
        return loginUsers > 0 && loginOnline == loginUsers;
    }

    static Step maxSustained(List<Step> steps) {
        Step best = null;
        for (Step s : steps) {
            if (s.sustained() && (best == null || s.offered() > best.offered())) {
                best = s;
            }
        }
        return best;
    }

    public double cpuRatio() {
        if (bridgeLatency == null || relayLatency == null) {
            return Double.NaN;
        }
        return bridgeLatency.cpuMsPer1000() / relayLatency.cpuMsPer1000();
    }

    /** The bridge's latency percentile over the relay's, at the latency rate; NaN without a relay run. */
    public double tailRatio(ToDoubleFunction<Latencies.Summary> percentile) {
        if (bridgeLatency == null || relayLatency == null) {
            return Double.NaN;
        }
        return percentile.applyAsDouble(bridgeLatency.latency()) / percentile.applyAsDouble(relayLatency.latency());
    }

    private boolean tailTargetMet(ToDoubleFunction<Latencies.Summary> percentile, double times) {
        return bridgeLatency != null && bridgeLatency.offered() >= 5000 && tailRatio(percentile) <= times;
    }

    /**
     * The CPU target counts only when the bridge kept up at that rate: a backlogged bridge handles
     * messages in larger batches, which makes each one look cheaper than it is.
     */
    public boolean cpuTargetMet() {
        return bridgeLatency != null && bridgeLatency.sustained() && cpuRatio() <= 3;
    }

    public String idleLine() {
        return String.format("%d active users, heap %.1f MiB (%.1f KiB/user over the %.1f MiB base), %d threads, %d fds,"
                        + " CPU %.1f%% of a core", idle.activeUsers(), idle.heapUsed() / 1048576.0, heapPerUserKiB(),
                base.heapUsed() / 1048576.0, idle.threads(), idle.fds(), idleCpuPercent);
    }

    public String bridgeLatencyLine() {
        return latencyLine(bridgeLatency);
    }

    public String relayLatencyLine() {
        return latencyLine(relayLatency);
    }

    /** The range of a figure over the latency runs ({@code bridge} or the relay's). */
    private String latencyRange(boolean bridge, java.util.function.ToDoubleFunction<Step> figure, int decimals) {
        return Repeated.range(bridge ? bridgeLatencyRuns : relayLatencyRuns, figure, decimals);
    }

    /** The runs of the step that was the maximum sustained, or none. */
    private static List<Step> runsOf(Step step, List<Step> steps, List<List<Step>> runs) {
        int i = step == null ? -1 : steps.indexOf(step);
        return i < 0 || i >= runs.size() ? List.of() : runs.get(i);
    }

    private static String latencyLine(Step s) {
        return String.format("%,d msgs/s: %,d delivered, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, CPU %.1f ms/1000 msgs",
                s.offered(), s.delivered(), s.latency().p50(), s.latency().p99(), s.latency().p999(), s.cpuMsPer1000());
    }

    // ---- output ----

    /** The human-readable table. */
    public String table() {
        Step bridgeMax = maxSustained(bridgeSteps);
        Step relayMax = maxSustained(relaySteps);
        StringBuilder t = new StringBuilder();
        String row = "%-40s %14s %14s %9s %14s %s%n";
        t.append(String.format(row, "figure", "bridge", "relay", "ratio", "target", "met"));
        t.append("-".repeat(100)).append('\n');
        t.append(String.format(row, "users online (registered)", loginOnline + " (" + loginUsers + ")", "", "",
                ">= 10,000", met(allOnline() && loginUsers >= 10_000)));
        t.append(String.format("each figure: the median of %d run(s) [min–max], the latency runs and warm storms "
                + "each on a JVM of its own; pinning: %s; driver collector: %s%n",
                Math.max(loginRuns.size(), bridgeLatencyRuns.size()), pinning, driverCollector()));
        t.append(loopback).append('\n');
        t.append(String.format(row, "login storm, logins/s", f0(loginsPerSecond())
                + Repeated.range(loginRuns, r -> r[2], 0), "", "", ">= 500",
                met(allOnline() && loginsPerSecond() >= 500)));
        t.append(String.format(row, "login storm, seconds until all online", f2(loginNanos / 1e9), "", "", "", ""));
        t.append(String.format(row, "login storm, node CPU ms per login", f2(stormCpuMsPerLogin())
                + Repeated.range(stormCpuMsPerLogin, Double::doubleValue, 2), "", "", "", ""));
        LoginCost warmLogin = warmLogin();
        if (warmLogin != null) {
            t.append(String.format(row, "  again on the warm transport, logins/s", f0(warmLogin.perSecond())
                    + Repeated.range(warmLogins, LoginCost::perSecond, 0), "", "", "", ""));
            t.append(String.format(row, "  again on the warm transport, CPU ms/login", f2(warmLogin.cpuMs())
                    + Repeated.range(warmLogins, LoginCost::cpuMs, 2), "", "", "", ""));
        }
        for (LoginCost cost : new LoginCost[] {coldLogin, warmLogin}) {
            if (cost != null) {
                cost.lines(cost == coldLogin ? "login cost, fresh transport" : "login cost, warm transport")
                        .forEach(line -> t.append(line).append('\n'));
            }
        }
        if (idle != null) {
            t.append(String.format(row, "heap per online user after GC, KiB", f1(heapPerUserKiB()), "", "", "", ""));
            t.append(String.format(row, "heap after GC / base, MiB", f1(idle.heapUsed() / 1048576.0) + " / "
                    + f1(base.heapUsed() / 1048576.0), "", "", "< 1024", met(idle.heapUsed() < 1024L * 1048576)));
            t.append(String.format(row, "threads (idle, all online)", idle.threads(), "", "", "", ""));
            t.append(String.format(row, "file descriptors (idle, all online)", idle.fds(), "", "", "", ""));
            t.append(String.format(row, "CPU while idle, % of one core", f1(idleCpuPercent), "", "", "", ""));
        }
        String maxRange = Repeated.range(runsOf(bridgeMax, bridgeSteps, bridgeStepRuns), Step::deliveredPerSecond, 0);
        t.append(String.format(row, "msgs/s XMPP->MSN, max sustained", bridgeMax == null ? "none"
                        : f0(bridgeMax.deliveredPerSecond()) + maxRange,
                relayMax == null ? "" : f0(relayMax.deliveredPerSecond()), ratio(bridgeMax, relayMax), ">= 20,000",
                met(bridgeMax != null && bridgeMax.deliveredPerSecond() >= 19_000 && bridgeMax.offered() >= 20_000)));
        t.append(String.format(row, "msgs/s MSN->XMPP, max sustained (same msgs)", bridgeMax == null ? "none" : f0(bridgeMax.deliveredPerSecond()),
                relayMax == null ? "" : f0(relayMax.deliveredPerSecond()), ratio(bridgeMax, relayMax), ">= 20,000",
                met(bridgeMax != null && bridgeMax.deliveredPerSecond() >= 19_000 && bridgeMax.offered() >= 20_000)));
        if (bridgeLatency != null) {
            String at = " @" + bridgeLatency.offered() + "/s";
            t.append(String.format(row, "latency p50, ms" + at, f2(bridgeLatency.latency().p50())
                            + latencyRange(true, s -> s.latency().p50(), 1),
                    relayLatency == null ? "" : f2(relayLatency.latency().p50()), "", "", ""));
            t.append(String.format(row, "latency p99, ms" + at, f2(bridgeLatency.latency().p99())
                            + latencyRange(true, s -> s.latency().p99(), 0),
                    relayLatency == null ? "" : f2(relayLatency.latency().p99()) + latencyRange(false, s -> s.latency().p99(), 0),
                    f1(tailRatio(Latencies.Summary::p99)), "<= 2x relay", met(tailTargetMet(Latencies.Summary::p99, 2))));
            t.append(String.format(row, "latency p99.9, ms" + at, f2(bridgeLatency.latency().p999())
                            + latencyRange(true, s -> s.latency().p999(), 0),
                    relayLatency == null ? "" : f2(relayLatency.latency().p999()) + latencyRange(false, s -> s.latency().p999(), 0),
                    f1(tailRatio(Latencies.Summary::p999)), "<= 3x relay", met(tailTargetMet(Latencies.Summary::p999, 3))));
            t.append(String.format(row, "CPU ms per 1,000 msgs" + at, f1(bridgeLatency.cpuMsPer1000())
                            + latencyRange(true, Step::cpuMsPer1000, 0),
                    relayLatency == null ? "" : f2(relayLatency.cpuMsPer1000()) + latencyRange(false, Step::cpuMsPer1000, 0), f1(cpuRatio()), "<= 3x relay",
                    met(cpuTargetMet())));
            t.append(String.format(row, "  of which kernel (syscalls), ms/1000" + at, f1(bridgeLatency.systemMsPer1000()),
                    relayLatency == null ? "" : f2(relayLatency.systemMsPer1000()), "", "", ""));
            t.append(String.format(row, "node CPU, % of one core" + at, f0(bridgeLatency.nodeCpuPercent()),
                    relayLatency == null ? "" : f0(relayLatency.nodeCpuPercent()), "", "", ""));
        }
        t.append(String.format(row, "error stanzas", bridgeErrors, "", "", "0", met(bridgeErrors == 0)));
        t.append(String.format("load average at start / end: %.2f / %.2f (%d cores)%n", loadAverageAtStart,
                loadAverageAtEnd, cores));
        return t.toString();
    }

    private static String ratio(Step bridge, Step relay) {
        return bridge == null || relay == null ? "" : f2(bridge.deliveredPerSecond() / relay.deliveredPerSecond());
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "NO";
    }

    private static String f0(double v) {
        return String.format("%,.0f", v);
    }

    private static String f1(double v) {
        return String.format("%,.1f", v);
    }

    private static String f2(double v) {
        return String.format("%,.2f", v);
    }

    /** Everything as a JSON document. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", new java.util.TreeMap<>(config));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", cores);
        env.put("java", System.getProperty("java.version"));
        env.put("loadAverageAtStart", loadAverageAtStart);
        env.put("loadAverageAtEnd", loadAverageAtEnd);
        env.put("pinning", pinning);
        env.put("loopback", loopback);
        env.put("driverCollector", driverCollector());
        root.put("environment", env);
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("users", loginUsers);
        login.put("online", loginOnline);
        login.put("seconds", loginNanos / 1e9);
        login.put("loginsPerSecond", loginsPerSecond());
        login.put("loginsPerSecondRuns", Repeated.values(loginRuns, r -> r[2]));
        login.put("nodeCpuMsPerLogin", stormCpuMsPerLogin());
        login.put("nodeCpuMsPerLoginRuns", List.copyOf(stormCpuMsPerLogin));
        login.put("listenOverflowsMachineWide", listenOverflows);
        login.put("nodeThreadCpuMsTotal", loginThreadMs);
        login.put("costFreshTransport", coldLogin == null ? null : coldLogin.asMap());
        LoginCost warm = warmLogin();
        login.put("costWarmTransport", warm == null ? null : warm.asMap());
        login.put("warmLoginsPerSecondRuns", Repeated.values(warmLogins, LoginCost::perSecond));
        root.put("loginStorm", login);
        Map<String, Object> hold = new LinkedHashMap<>();
        hold.put("base", base);
        hold.put("allOnline", idle);
        hold.put("heapPerUserKiB", heapPerUserKiB());
        hold.put("msnSwitchboardSessions", switchboards);
        hold.put("idleCpuPercentOfOneCore", idleCpuPercent);
        root.put("idleHold", hold);
        Map<String, Object> bridge = new LinkedHashMap<>();
        bridge.put("note", "paired users: each delivered message crossed XMPP->MSN and MSN->XMPP once");
        bridge.put("latency", bridgeLatency);
        bridge.put("latencyRuns", bridgeLatencyRuns);
        bridge.put("steps", bridgeSteps);
        bridge.put("stepRuns", bridgeStepRuns);
        Step bm = maxSustained(bridgeSteps);
        bridge.put("maxSustainedMsgsPerSecondEachWay", bm == null ? 0 : bm.deliveredPerSecond());
        bridge.put("errors", bridgeErrors);
        bridge.put("lastError", lastError);
        root.put("bridge", bridge);
        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("latency", relayLatency);
        relay.put("latencyRuns", relayLatencyRuns);
        relay.put("steps", relaySteps);
        relay.put("stepRuns", relayStepRuns);
        Step rm = maxSustained(relaySteps);
        relay.put("maxSustainedMsgsPerSecond", rm == null ? 0 : rm.deliveredPerSecond());
        root.put("relay", relay);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("cpuPerMessageBridgeOverRelay", cpuRatio());
        ratios.put("maxThroughputBridgeOverRelay", bm == null || rm == null ? null : bm.deliveredPerSecond() / rm.deliveredPerSecond());
        root.put("ratios", ratios);
        List<Map<String, Object>> targets = new ArrayList<>();
        targets.add(target("10,000 concurrent bridged users", loginOnline, allOnline() && loginUsers >= 10_000));
        targets.add(target("login storm >= 500 users/s", loginsPerSecond(), allOnline() && loginsPerSecond() >= 500));
        targets.add(target(">= 20,000 msgs/s each way", bm == null ? 0 : bm.deliveredPerSecond(),
                bm != null && bm.offered() >= 20_000 && bm.deliveredPerSecond() >= 19_000));
        targets.add(target("p99 at 5,000 msgs/s <= 2x the relay's", tailRatio(Latencies.Summary::p99),
                tailTargetMet(Latencies.Summary::p99, 2)));
        targets.add(target("p99.9 at 5,000 msgs/s <= 3x the relay's", tailRatio(Latencies.Summary::p999),
                tailTargetMet(Latencies.Summary::p999, 3)));
        targets.add(target("CPU per message <= 3x relay (at a rate the bridge sustained)", cpuRatio(), cpuTargetMet()));
        root.put("targets", targets);
        return root;
    }

    private static Map<String, Object> target(String name, Object value, boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", name);
        m.put("value", value);
        m.put("met", met);
        return m;
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(file.toFile(), toJson());
    }

    /** The driver JVM's garbage collectors, e.g. "PS Scavenge, PS MarkSweep". */
    static String driverCollector() {
        return String.join(", ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    }
}
