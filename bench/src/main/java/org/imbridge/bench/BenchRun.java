package org.imbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.FakeXmppServer;
import org.imbridge.bench.driver.Latencies;
import org.imbridge.bench.driver.Pacer;
import org.imbridge.bench.driver.RelayLink;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.bench.driver.Traffic;
import org.imbridge.bench.node.NodeProcess;
import org.imbridge.bench.node.NodeStats;
import org.imbridge.bench.report.LoginCost;
import org.imbridge.bench.report.Results;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountSpec;

/**
 * One bench run, scenario after scenario: our MSN network with the generated accounts and the fake
 * XMPP server run here, the transport in its own JVM; then the relay baseline in a fresh JVM.
 *
 * <p>Message traffic pairs bridged users with each other: user {@code 2p}'s MSN contact
 * {@code u<2p+1>@bench.msn} is user {@code 2p+1}'s own account, so a message the driver sends as
 * {@code u<2p>} goes XMPP → transport → MSN switchboard → transport → XMPP and comes back to the
 * driver as a message to {@code u<2p+1>}. Each delivered message has therefore crossed the bridge
 * once in each direction, and its latency is measured on one clock. Messages alternate direction
 * within a pair.
 */
final class BenchRun {

    private static final double SUSTAINED_P99_MS = 250;
    /** Warm-up ends when the JIT compilers and the collector took at most this share of a run's CPU. */
    private static final double QUIET_SHARE = 0.05;
    private static final int MAX_WARM_UPS = 4;

    private final BenchOptions options;
    private final BenchNames names = BenchNames.DEFAULT;
    private final Consumer<String> progress;
    /** What runs the node JVMs: {@code taskset -c 1} when pinned. */
    private List<String> nodePrefix = List.of();

    BenchRun(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    Results run() throws Exception {
        Results results = new Results(options.asMap());
        Pinning pinning = Pinning.apply(options.pin());
        nodePrefix = pinning.nodePrefix();
        results.pinning(pinning.described());
        progress.accept("pinning: " + pinning.described());
        LoopbackSpread spread = LoopbackSpread.probe(options.loopbackAddresses());
        results.loopback(spread.described());
        progress.accept(spread.described());
        runBridge(results, spread);
        if (options.relay()) {
            runRelay(results);
        }
        results.finish();
        return results;
    }

    // ---- the bridge --------------------------------------------------------------------------

    private void runBridge(Results results, LoopbackSpread spread) throws Exception {
        int n = options.users();
        progress.accept("starting our MSN network with " + n + " accounts");
        Traffic traffic = new Traffic(n, names.transportDomain());
        try (MsnServer msn = MsnServer.start(MsnServerConfig.builder().accounts(accounts())
                .extraNotificationHosts(spread.extraHosts()).build());
             FakeXmppServer xmpp = new FakeXmppServer(names.transportDomain(), names.secret(), traffic)) {
            List<String> jvm = options.transportJvm();
            // Every storm on a freshly started transport; the last one's transport carries on. With
            // repeats, a first storm is not counted: it warms up the driver (our MSN network's JIT:
            // 1.6-2.0 ms of driver CPU per login in the first storm, 0.8-1.3 later), so that every
            // counted storm meets the same, warm driver. Each counted storm's transport then also runs
            // the warm storm and one latency run, so that those figures too are medians over several
            // transport JVMs: on one JVM they repeat closely, but two JVMs differed by up to a fifth in
            // CPU per message and by half in the tail.
            LoginStorm storm = new LoginStorm(traffic, xmpp, names, progress);
            List<Results.Step> latencyRuns = new ArrayList<>();
            for (int run = options.repeats() > 1 ? 0 : 1; run < options.repeats(); run++) {
                LoginStorm.awaitTimeWaitDrained(options.users(), progress);
                NodeProcess node = startTransport(jvm, xmpp, msn);
                try {
                    LoginCost.Counters before = counters(node, msn, traffic);
                    LoginStorm.Outcome outcome = run == 0 ? driverWarmUp(storm) : loginStorm(results, storm);
                    LoginCost.Counters after = counters(node, msn, traffic);
                    LoginCost cost = LoginCost.between(outcome.online(), outcome.nanos(), before, after, after);
                    progress.accept(String.format("  transport CPU %.2f ms/login, driver %.2f ms/login",
                            cost.cpuMs(), cost.driverMs()));
                    if (run > 0) {
                        results.stormCpu(cost.cpuMs());
                        LoginStorm.settle(traffic, LoginStorm.small(options.users()));
                        warmLogin(results, storm, node, msn, traffic);
                        latencyRuns.add(latencyRun(traffic, xmpp, node, latencyRuns.size() + 1));
                    }
                } finally {
                    node.close();
                }
                traffic.resetOnline();
                await(() -> xmpp.slotsHeld() == 0, Duration.ofSeconds(30));
            }
            LoginStorm.awaitTimeWaitDrained(options.users(), progress);
            try (NodeProcess node = startTransport(jvm, xmpp, msn)) {
                NodeStats base = node.stats(true);
                results.base(base);

                LoginCost.Counters beforeLogin = counters(node, msn, traffic);
                long overflows = listenOverflows();
                LoginStorm.Outcome cold = loginStorm(results, storm);
                LoginCost.Counters afterLogin = counters(node, msn, traffic);
                results.loginCpu(beforeLogin.node(), afterLogin.node());
                results.listenOverflows(listenOverflows() - overflows);
                LoginStorm.settle(traffic, LoginStorm.small(options.users()));
                results.coldLogin(LoginCost.between(cold.online(), cold.nanos(), beforeLogin, afterLogin,
                        counters(node, msn, traffic)));
                results.stormCpu(results.coldLogin().cpuMs());
                progress.accept(String.join("\n", results.coldLogin().lines("login cost, fresh transport")));
                NodeStats quiet0 = node.stats(false);
                long quietStart = System.nanoTime();
                Thread.sleep(LoginStorm.small(options.users()) ? 1000 : 5000);
                NodeStats quiet1 = node.stats(false);
                results.idleCpu((quiet1.cpuNanos() - quiet0.cpuNanos()) / 1e6 / ((System.nanoTime() - quietStart) / 1e9) / 10);
                results.idle(node.stats(true), msn.switchboardSessionCount());
                progress.accept("idle: " + results.idleLine());
                warmLogin(results, storm, node, msn, traffic);

                latencyRuns.add(latencyRun(traffic, xmpp, node, latencyRuns.size() + 1));
                results.bridgeLatency(latencyRuns);
                progress.accept("bridge latency (median of " + latencyRuns.size() + " transports): "
                        + results.bridgeLatencyLine());
                results.bridgeSteps(steps(traffic, xmpp::send, node, this::bridgeMessage));
                results.bridgeErrors(traffic.errors(), traffic.lastError());
            }
        }
    }

    /**
     * The switchboards opened, the load run until the transport is quiet, then one measured latency run
     * on this transport.
     */
    private Results.Step latencyRun(Traffic traffic, FakeXmppServer xmpp, NodeProcess node, int transport)
            throws InterruptedException {
        warmUp(traffic, xmpp);
        Run run = () -> fixedRate(options.latencyRate(), options.latencySeconds(), traffic, xmpp::send, node,
                this::bridgeMessage);
        warmUntilQuiet(run);
        Results.Step step = run.once();
        progress.accept(String.format("latency on transport %d: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                + "CPU %.1f ms/1000 msgs", transport, step.latency().p50(), step.latency().p99(),
                step.latency().p999(), step.cpuMsPer1000()));
        return step;
    }

    private NodeProcess startTransport(List<String> jvm, FakeXmppServer xmpp, MsnServer msn) throws Exception {
        return startTransport(nodePrefix, options, options.users(), jvm, xmpp, msn, logPath("transport-node.log"),
                progress);
    }

    /** Starts the transport JVM with {@code users} registered and waits for its component stream. */
    static NodeProcess startTransport(List<String> prefix, BenchOptions options, int users, List<String> jvm,
                                      FakeXmppServer xmpp, MsnServer msn, Path log, Consumer<String> progress)
            throws Exception {
        progress.accept("starting the transport JVM (-Xmx" + options.nodeHeap() + ") and registering " + users + " users");
        NodeProcess node = NodeProcess.start(prefix, "transport", jvm, List.of(
                "--users", String.valueOf(users), "--xmpp-port", String.valueOf(xmpp.port()),
                "--msn-port", String.valueOf(msn.dispatchAddress().getPort()),
                "--workers", String.valueOf(options.workers()),
                "--msn-io-threads", String.valueOf(options.msnIoThreads()),
                "--msn-allowed-referrals", msn.notificationAddresses().stream().skip(1)
                        .map(a -> a.getAddress().getHostAddress()).collect(Collectors.joining(","))),
                log, Duration.ofSeconds(120 + users / 100));
        xmpp.componentOnline().get(30, TimeUnit.SECONDS);
        if (!await(() -> xmpp.slotsHeld() == 1, Duration.ofSeconds(30))) {
            progress.accept("the transport's component stream did not come up");
        }
        return node;
    }

    /** A scenario run {@link BenchOptions#repeats()} times. */
    private List<Results.Step> repeated(Run run) throws InterruptedException {
        List<Results.Step> runs = new ArrayList<>();
        for (int i = 0; i < options.repeats(); i++) {
            runs.add(run.once());
        }
        return runs;
    }

    /**
     * Runs the latency load until the node's JIT compilers and collector are quiet: until they took at most
     * {@link #QUIET_SHARE} of its CPU in one run, at most {@link #MAX_WARM_UPS} runs. One run of warm-up was
     * not always enough: with 10,000 users the message path was still being compiled, and the sessions of
     * the storms promoted, in the first measured run, which then cost up to half as much again per message.
     */
    private void warmUntilQuiet(Run run) throws InterruptedException {
        for (int round = 1; ; round++) {
            Results.Step step = run.once();
            double jitAndGc = Results.unlistedMsPer1000(step);
            boolean quiet = jitAndGc <= QUIET_SHARE * step.cpuMsPer1000();
            progress.accept(String.format("warm-up %d at %,d msgs/s: CPU %.1f ms/1000 msgs, of it JIT compilers and "
                    + "GC %.1f%s", round, options.latencyRate(), step.cpuMsPer1000(), jitAndGc,
                    quiet ? ": quiet" : round == MAX_WARM_UPS ? ": still busy, measuring anyway" : ""));
            if (quiet || round == MAX_WARM_UPS) {
                return;
            }
        }
    }

    @FunctionalInterface
    private interface Run {
        Results.Step once() throws InterruptedException;
    }

    private LoginStorm.Outcome driverWarmUp(LoginStorm storm) throws InterruptedException {
        int n = options.users();
        progress.accept("login storm to warm up the driver (not counted): " + n + " users come online at once");
        LoginStorm.Outcome outcome = storm.online(0, n, Duration.ofSeconds(options.loginTimeoutSeconds()));
        progress.accept(String.format("driver warm-up: %d of %d online in %.2f s (%.0f logins/s)", outcome.online(), n,
                outcome.nanos() / 1e9, outcome.perSecond()));
        return outcome;
    }

    private LoginStorm.Outcome loginStorm(Results results, LoginStorm storm) throws InterruptedException {
        int n = options.users();
        progress.accept("login storm: " + n + " users come online at once");
        LoginStorm.Outcome outcome = storm.online(0, n, Duration.ofSeconds(options.loginTimeoutSeconds()));
        results.loginStorm(n, outcome.online(), outcome.nanos());
        progress.accept(String.format("login storm: %d of %d online in %.2f s (%.0f logins/s)", outcome.online(), n,
                outcome.nanos() / 1e9, outcome.perSecond()));
        return outcome;
    }

    /**
     * Everyone logs off and comes back at once, on the transport that is now warm: the difference to
     * the first storm is what the fresh JVM's compilation cost, and the contacts are already synced.
     */
    private void warmLogin(Results results, LoginStorm storm, NodeProcess node, MsnServer msn, Traffic traffic)
            throws InterruptedException {
        int n = options.users();
        progress.accept("all " + n + " users log off, then storm again on the warm transport");
        if (!storm.offline(0, n, Duration.ofSeconds(options.loginTimeoutSeconds()))) {
            progress.accept("  only " + (n - traffic.onlineCount()) + " of " + n + " went offline: no warm storm");
            if (!storm.allBackOnline(n, Duration.ofSeconds(options.loginTimeoutSeconds()))) {
                progress.accept("  and only " + traffic.onlineCount() + " came back online");
            }
            return;
        }
        if (!await(() -> java.util.stream.IntStream.range(0, n)
                .noneMatch(i -> msn.isOnline(Stanzas.msnAccount(i, names.msnDomain()))), Duration.ofSeconds(60))) {
            progress.accept("  our MSN network still has users online a minute after they logged off");
        }
        LoginStorm.settle(traffic, LoginStorm.small(options.users()));
        LoginStorm.awaitTimeWaitDrained(options.users(), progress);
        LoginCost.Counters before = counters(node, msn, traffic);
        LoginStorm.Outcome warm = storm.online(0, n, Duration.ofSeconds(options.loginTimeoutSeconds()));
        LoginCost.Counters after = counters(node, msn, traffic);
        LoginStorm.settle(traffic, LoginStorm.small(options.users()));
        LoginCost cost = LoginCost.between(warm.online(), warm.nanos(), before, after, counters(node, msn, traffic));
        results.warmLogin(cost);
        progress.accept(String.join("\n", cost.lines("login cost, warm transport")));
    }

    static LoginCost.Counters counters(NodeProcess node, MsnServer msn, Traffic traffic) {
        return new LoginCost.Counters(node.stats(false), driverCpuNanos(), msn.connectionsOpened(),
                msn.commandsReceived(), traffic.stanzas());
    }

    /** One message per direction and pair, so every switchboard is open before anything is measured. */
    private void warmUp(Traffic traffic, FakeXmppServer xmpp) throws InterruptedException {
        int pairs = options.pairs();
        progress.accept("opening switchboards for " + pairs + " chatting pairs");
        long before = traffic.messages();
        StringBuilder sb = new StringBuilder();
        long now = System.nanoTime();
        for (int p = 0; p < pairs; p++) {
            Stanzas.appendMessage(sb, 2 * p, 2 * p + 1, now, options.bodyChars(), names);
            Stanzas.appendMessage(sb, 2 * p + 1, 2 * p, now, options.bodyChars(), names);
            if (sb.length() > 32_000) {
                xmpp.send(sb.toString());
                sb.setLength(0);
            }
        }
        if (!sb.isEmpty()) {
            xmpp.send(sb.toString());
        }
        if (!await(() -> traffic.messages() - before >= 2L * pairs, Duration.ofSeconds(60))) {
            progress.accept("warm-up: only " + (traffic.messages() - before) + " of " + 2 * pairs
                    + " messages arrived; errors " + traffic.errors() + ", last " + traffic.lastError());
        }
        LoginStorm.settle(traffic, LoginStorm.small(options.users()));
    }

    private void bridgeMessage(StringBuilder sb, long seq, long now) {
        int p = (int) (seq % options.pairs());
        boolean reverse = (seq / options.pairs()) % 2 == 1;
        int a = 2 * p;
        int b = a + 1;
        Stanzas.appendMessage(sb, reverse ? b : a, reverse ? a : b, now, options.bodyChars(), names);
    }

    // ---- the relay ---------------------------------------------------------------------------

    /** The relay, like the transport, measured in a fresh JVM per latency run; the steps in the last. */
    private void runRelay(Results results) throws Exception {
        progress.accept("relay baseline: plain MINA relay in its own JVM");
        Traffic traffic = new Traffic(1, names.transportDomain());
        List<String> jvm = options.nodeJvm();
        List<Results.Step> latencyRuns = new ArrayList<>();
        for (int run = 1; run <= options.repeats(); run++) {
            try (NodeProcess node = NodeProcess.start(nodePrefix, "relay", jvm, List.of(), logPath("relay-node.log"),
                    Duration.ofSeconds(60));
                 RelayLink link = new RelayLink(Integer.parseInt(node.readyLine()), traffic)) {
                Run latency = () -> fixedRate(options.latencyRate(), options.latencySeconds(), traffic, link::send,
                        node, this::bridgeMessage);
                warmUntilQuiet(latency);
                latencyRuns.add(latency.once());
                if (run == options.repeats()) {
                    results.relayLatency(latencyRuns);
                    progress.accept("relay latency (median of " + latencyRuns.size() + " JVMs): "
                            + results.relayLatencyLine());
                    results.relaySteps(steps(traffic, link::send, node, this::bridgeMessage));
                }
            }
        }
    }

    // ---- load at a rate ----------------------------------------------------------------------

    /** The throughput steps, each run {@link BenchOptions#repeats()} times; stepping stops at a median not sustained. */
    private List<List<Results.Step>> steps(Traffic traffic, Consumer<String> sink, NodeProcess node, Pacer.Load load)
            throws InterruptedException {
        List<List<Results.Step>> steps = new ArrayList<>();
        for (int rate : options.rates()) {
            List<Results.Step> runs = repeated(() -> fixedRate(rate, options.stepSeconds(), traffic, sink, node, load));
            steps.add(runs);
            Results.Step step = org.imbridge.bench.report.Repeated.median(runs);
            progress.accept(String.format("  %,d msgs/s offered: %,.0f delivered/s, p99 %.1f ms, CPU %.1f ms/1000 -> %s",
                    rate, step.deliveredPerSecond(), step.latency().p99(), step.cpuMsPer1000(),
                    step.sustained() ? "sustained" : "NOT sustained"));
            if (!step.sustained()) {
                break;
            }
        }
        return steps;
    }

    /**
     * Offers {@code rate} msgs/s for {@code seconds}, then waits (up to 5 s) for the stragglers. A rate
     * is sustained when everything sent arrived, the pacer kept up, and p99 stayed under
     * {@value #SUSTAINED_P99_MS} ms (a growing queue shows as growing latency).
     */
    private Results.Step fixedRate(int rate, int seconds, Traffic traffic, Consumer<String> sink, NodeProcess node,
                                   Pacer.Load load) throws InterruptedException {
        Latencies latencies = traffic.latencies();
        latencies.clear();
        long before = traffic.messages();
        long errorsBefore = traffic.errors();
        NodeStats cpu0 = node.stats(false);
        long driverCpu0 = driverCpuNanos();
        Pacer.Sent sent = Pacer.run(rate, TimeUnit.SECONDS.toNanos(seconds), 0, load, sink);
        long sendEnd = System.nanoTime();
        await(() -> traffic.messages() - before >= sent.messages(), Duration.ofSeconds(5));
        long drained = System.nanoTime();
        NodeStats cpu1 = node.stats(false);
        long driverCpu1 = driverCpuNanos();
        long delivered = traffic.messages() - before;
        Latencies.Summary summary = latencies.summary();
        double cpuMs = (cpu1.cpuNanos() - cpu0.cpuNanos()) / 1e6;
        double cpuPer1000 = delivered == 0 ? Double.NaN : cpuMs * 1000 / delivered;
        double systemPer1000 = delivered == 0 || cpu1.systemNanos() < 0 ? Double.NaN
                : (cpu1.systemNanos() - cpu0.systemNanos()) / 1e6 * 1000 / delivered;
        boolean sustained = delivered >= sent.messages() && sent.perSecond() >= rate * 0.95
                && summary.p99() <= SUSTAINED_P99_MS && traffic.errors() == errorsBefore;
        double elapsed = (Math.max(sendEnd, drained) - (sendEnd - sent.nanos())) / 1e9;
        return new Results.Step(rate, seconds, sent.messages(), sent.perSecond(), delivered, delivered / elapsed,
                summary, cpuPer1000, systemPer1000,
                Results.perThread(cpu0, cpu1, delivered == 0 ? 1 : delivered / 1000.0 * 1e6), cpuMs / elapsed / 10, (driverCpu1 - driverCpu0) / 1e6 / elapsed / 10,
                traffic.errors() - errorsBefore, sustained);
    }

    /** The kernel's count of connections dropped because an accept queue was full (Linux), or 0. */
    static long listenOverflows() {
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                for (int k = 0; k < names.length && k < values.length; k++) {
                    if (names[k].equals("ListenOverflows")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    static long driverCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private List<AccountSpec> accounts() {
        return BenchAccounts.of(options.users(), options.contacts(), names);
    }

    private Path logPath(String name) {
        Path parent = options.out().toAbsolutePath().getParent();
        return parent.resolve(name);
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        return BenchAccounts.await(condition, timeout);
    }

}
