package org.imbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.FakeXmppServer;
import org.imbridge.bench.driver.Traffic;
import org.imbridge.bench.node.NodeProcess;
import org.imbridge.bench.node.NodeStats;
import org.imbridge.bench.report.LoginCost;
import org.imbridge.bench.report.ScaleResults;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;

/**
 * The scaling curve: one transport with every user registered; at each point the users added since the
 * last one come online at once, then, with no traffic, the bench reads the heap after a full GC, the
 * idle CPU, threads and descriptors.
 *
 * <p>Each online user holds one TCP connection in the transport and one in our MSN network (the driver),
 * so a point needs about that many file descriptors in each process, and as many ephemeral ports towards
 * the notification server, spread over its loopback addresses ({@link LoopbackSpread}). Points beyond
 * either limit are reported as not measured, with the limit; the most this machine allows is measured
 * instead.
 */
final class ScaleRun {

    /** Descriptors a process needs besides the users' connections (JVM, listeners, store, logs). */
    static final int FD_MARGIN = 300;
    /** Ephemeral ports kept free for the dispatch connections of logins in progress and other tools. */
    static final int PORT_MARGIN = 2_000;
    /** Idle CPU is read over this window, after {@link #IDLE_SETTLE} more of quiet (the JIT finishing the step's code). */
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);

    private final BenchOptions options;
    private final BenchNames names = BenchNames.DEFAULT;
    private final Consumer<String> progress;

    ScaleRun(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    ScaleResults run() throws Exception {
        ScaleResults results = new ScaleResults(options.asMap());
        Pinning pinning = Pinning.apply(options.pin());
        results.pinning(pinning.described());
        progress.accept("pinning: " + pinning.described());
        LoopbackSpread spread = LoopbackSpread.probe(options.loopbackAddresses());
        progress.accept(spread.described());
        long fds = NodeStats.maxOpenFiles();
        int ports = ephemeralPorts();
        long portCeiling = ports < 0 ? Long.MAX_VALUE : (long) ports * spread.addresses() - PORT_MARGIN;
        long ceiling = Math.min(fds < 0 ? Long.MAX_VALUE : fds - FD_MARGIN, portCeiling);
        results.limit(String.format("open files per process: %s (each user takes one in the transport and one in "
                + "the driver; the JVM raises the soft limit to the hard one, which only root outside a container can "
                + "raise: ulimit -Hn, systemd LimitNOFILE)", fds < 0 ? "unknown" : String.format("%,d", fds)));
        results.limit(String.format("ephemeral ports: %s towards each address (net.ipv4.ip_local_port_range; one per "
                + "user towards the notification server), %s", ports < 0 ? "unknown" : String.format("%,d", ports),
                spread.described()));
        List<Integer> points = new ArrayList<>();
        for (int p : options.scale()) {
            if (p <= ceiling) {
                points.add(p);
            } else {
                results.add(ScaleResults.Point.skipped(p, String.format("needs about %,d descriptors per process and "
                        + "%,d ports over %d address(es); this machine allows %,d users (the limits below)",
                        p + FD_MARGIN, p, spread.addresses(), ceiling)));
            }
        }
        int lastWanted = options.scale().get(options.scale().size() - 1);
        int atLimit = (int) (ceiling / 500 * 500);
        if (lastWanted > ceiling && (points.isEmpty() || atLimit > points.get(points.size() - 1))) {
            points.add(atLimit);
        }
        if (points.isEmpty()) {
            return results;
        }
        int max = points.get(points.size() - 1);
        progress.accept("scaling curve at " + points + " users; starting our MSN network with " + max + " accounts");
        Traffic traffic = new Traffic(max, names.transportDomain());
        try (MsnServer msn = MsnServer.start(MsnServerConfig.builder()
                .accounts(BenchAccounts.of(max, options.contacts(), names))
                .extraNotificationHosts(spread.extraHosts()).build());
             FakeXmppServer xmpp = new FakeXmppServer(names.transportDomain(), names.secret(), traffic);
             NodeProcess node = BenchRun.startTransport(pinning.nodePrefix(), options, max, options.transportJvm(),
                     xmpp, msn, options.out().toAbsolutePath().getParent().resolve("transport-node.log"), progress)) {
            NodeStats base = node.stats(true);
            results.baseHeap(base.heapUsed());
            LoginStorm storm = new LoginStorm(traffic, xmpp, names, progress);
            int online = 0;
            for (int point : points) {
                LoginStorm.awaitTimeWaitDrained(point, progress);
                progress.accept(String.format("%,d users come online (%,d already are)", point - online, online));
                LoginCost.Counters before = BenchRun.counters(node, msn, traffic);
                LoginStorm.Outcome outcome = storm.online(online, point,
                        Duration.ofSeconds(options.loginTimeoutSeconds() + point / 100));
                LoginCost.Counters after = BenchRun.counters(node, msn, traffic);
                LoginStorm.settle(traffic, LoginStorm.small(point));
                LoginCost cost = LoginCost.between(outcome.online(), outcome.nanos(), before, after,
                        BenchRun.counters(node, msn, traffic));
                NodeStats held = node.stats(true);
                Thread.sleep(LoginStorm.small(point) ? 0 : IDLE_SETTLE.toMillis());
                NodeStats quiet0 = node.stats(false);
                long start = System.nanoTime();
                Thread.sleep(LoginStorm.small(point) ? 1000 : IDLE_WINDOW.toMillis());
                NodeStats quiet1 = node.stats(false);
                double idle = (quiet1.cpuNanos() - quiet0.cpuNanos()) / 1e6 / ((System.nanoTime() - start) / 1e9) / 10;
                int total = online + outcome.online();
                ScaleResults.Point measured = new ScaleResults.Point(point, total, cost.perSecond(), cost.cpuMs(),
                        held.heapUsed(), total == 0 ? Double.NaN : (held.heapUsed() - base.heapUsed()) / 1024.0 / total,
                        idle, held.threads(), held.fds(), null);
                results.add(measured);
                progress.accept(String.format("  %,d online: %,.0f logins/s, %.2f ms CPU/login, heap %.1f MiB "
                                + "(%.1f KiB/user), idle CPU %.1f%%, %d threads, %,d fds", total, cost.perSecond(),
                        cost.cpuMs(), held.heapUsed() / 1048576.0, measured.heapKiBPerUser(), idle, held.threads(),
                        held.fds()));
                if (total < point) {
                    progress.accept("  not everyone came online: the curve stops here");
                    break;
                }
                online = total;
            }
        }
        return results;
    }

    /** Size of the local port range connections are given ports from, or -1 where unknown. */
    static int ephemeralPorts() {
        try {
            // readString gets only the first byte of this procfs file; a line reader gets it all
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                    .split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
