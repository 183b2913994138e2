package org.imbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.FakeXmppServer;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.bench.driver.Traffic;
import org.imbridge.bench.node.NodeProcess;
import org.imbridge.bench.node.NodeStats;
import org.imbridge.bench.report.ClusterResults;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.postgres.PrivatePostgres;
import org.imbridge.store.RegistrationStores;
import org.imbridge.store.StoreConfig;

/**
 * The several-instances scenario (README, "Running several instances"): a private PostgreSQL, our MSN
 * network, and two transport JVMs on one domain, which the driver balances over two slots by the hash
 * of each user's bare JID, as ejabberd's {@code bare_source} balancing does. All users come online at
 * once (login storm, spread over both instances); then the instance holding more users is killed with
 * SIGKILL, and the driver times how long it takes until every one of its users is logged in to our MSN
 * network again, by the survivor, with nothing done by the users: the survivor fills the dead
 * instance's slot, asks for its users' presence, and the driver answers the probes as their servers
 * would.
 */
final class ClusterRun {

    private static final String NETWORK = "msn";
    private static final List<String> INSTANCES = List.of("t1", "t2");

    private final BenchOptions options;
    private final BenchNames names = BenchNames.DEFAULT;
    private final Consumer<String> progress;

    ClusterRun(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    ClusterResults run() throws Exception {
        ClusterResults results = new ClusterResults(options.asMap());
        int n = options.users();
        Path work = Files.createTempDirectory("imbridge-bench-cluster-");
        try (PrivatePostgres postgres = new PrivatePostgres()) {
            progress.accept("starting a private PostgreSQL");
            postgres.start();
            String url = postgres.newDatabase();
            Path keyFile = work.resolve("store.key");
            register(results, url, keyFile);
            progress.accept("starting our MSN network with " + n + " accounts");
            Traffic traffic = new Traffic(n, names.transportDomain());
            try (MsnServer msn = MsnServer.start(MsnServerConfig.builder()
                    .accounts(BenchAccounts.of(n, options.contacts(), names)).build());
                 FakeXmppServer xmpp = new FakeXmppServer(names.transportDomain(), names.secret(), traffic,
                         INSTANCES.size(), n, names)) {
                Map<String, NodeProcess> nodes = startNodes(xmpp, msn, url, keyFile);
                try {
                    if (!BenchAccounts.await(() -> xmpp.slotsHeld() == INSTANCES.size(), Duration.ofSeconds(30))) {
                        progress.accept("only " + xmpp.slotsHeld() + " of " + INSTANCES.size() + " slots are held");
                    }
                    loginStorm(results, traffic, xmpp);
                    Map<String, List<String>> claims = claims(url);
                    for (String name : INSTANCES) {
                        NodeStats stats = nodes.get(name).stats(true);
                        results.held(new ClusterResults.Held(name, claims.getOrDefault(name, List.of()).size(),
                                stats.activeUsers(), stats.heapUsed(), stats.threads()));
                    }
                    String victim = INSTANCES.stream()
                            .max((a, b) -> Integer.compare(claims.getOrDefault(a, List.of()).size(),
                                    claims.getOrDefault(b, List.of()).size()))
                            .orElseThrow();
                    String survivor = INSTANCES.stream().filter(i -> !i.equals(victim)).findFirst().orElseThrow();
                    takeover(results, xmpp, msn, nodes.get(victim), victim, claims.getOrDefault(victim, List.of()),
                            nodes.get(survivor));
                } finally {
                    nodes.values().forEach(NodeProcess::close);
                }
            }
        } finally {
            deleteQuietly(work);
        }
        return results;
    }

    private void register(ClusterResults results, String url, Path keyFile) {
        int n = options.users();
        progress.accept("registering " + n + " users in the shared database");
        long start = System.nanoTime();
        StoreConfig config = StoreConfig.jdbc(url, PrivatePostgres.USER, "", keyFile).withPoolSize(8);
        try (RegistrationStore store = RegistrationStores.open(config)) {
            IntStream.range(0, n).parallel().forEach(i -> store.save(Registration.of(
                    Stanzas.userJid(i, names.userDomain()), NETWORK, Stanzas.msnAccount(i, names.msnDomain()),
                    names.password(i))));
        }
        results.registered((System.nanoTime() - start) / 1e9);
    }

    /** Both instances at once, as a deployment's machines come up. */
    private Map<String, NodeProcess> startNodes(FakeXmppServer xmpp, MsnServer msn, String url, Path keyFile)
            throws Exception {
        progress.accept("starting " + INSTANCES.size() + " transport JVMs (-Xmx" + options.nodeHeap() + " each)");
        Map<String, CompletableFuture<NodeProcess>> starting = new HashMap<>();
        for (String name : INSTANCES) {
            starting.put(name, CompletableFuture.supplyAsync(() -> {
                try {
                    return NodeProcess.start("transport", options.transportJvm(), List.of(
                            "--users", String.valueOf(options.users()), "--xmpp-port", String.valueOf(xmpp.port()),
                            "--msn-port", String.valueOf(msn.dispatchAddress().getPort()),
                            "--workers", String.valueOf(options.workers()),
                            "--msn-io-threads", String.valueOf(options.msnIoThreads()),
                            "--store-url", url, "--key-file", keyFile.toString(),
                            "--instance", name, "--slots", String.valueOf(INSTANCES.size())),
                            logPath("cluster-" + name + ".log"), Duration.ofSeconds(120));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        Map<String, NodeProcess> nodes = new HashMap<>();
        Exception failure = null;
        for (String name : INSTANCES) {
            try {
                nodes.put(name, starting.get(name).get(180, TimeUnit.SECONDS));
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            nodes.values().forEach(NodeProcess::close);
            throw failure;
        }
        return nodes;
    }

    private void loginStorm(ClusterResults results, Traffic traffic, FakeXmppServer xmpp) throws InterruptedException {
        int n = options.users();
        progress.accept("login storm: " + n + " users come online at once, each routed to its instance");
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            xmpp.setAvailable(i);
        }
        boolean all = BenchAccounts.await(() -> traffic.onlineCount() >= n,
                Duration.ofSeconds(options.loginTimeoutSeconds()));
        long end = all ? traffic.lastOnlineNanos() : System.nanoTime();
        results.loginStorm(n, traffic.onlineCount(), end - start);
        progress.accept(String.format("login storm: %d of %d online in %.2f s", traffic.onlineCount(), n,
                (end - start) / 1e9));
    }

    /** Which users each instance holds, from the shared database. */
    private static Map<String, List<String>> claims(String url) throws SQLException {
        Map<String, List<String>> byInstance = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, PrivatePostgres.USER, "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT instance, user_jid FROM session_owner WHERE network = '"
                     + NETWORK + "'")) {
            while (r.next()) {
                byInstance.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
            }
        }
        return byInstance;
    }

    /**
     * Kills {@code victimNode} and watches, every few milliseconds, each of its users' MSN login: a user is
     * back when our MSN network has a login of theirs other than the one before the kill.
     */
    private void takeover(ClusterResults results, FakeXmppServer xmpp, MsnServer msn, NodeProcess victimNode,
                          String victim, List<String> users, NodeProcess survivorNode) throws InterruptedException {
        List<String> accounts = users.stream()
                .map(jid -> Stanzas.msnAccount(Stanzas.userIndex(jid), names.msnDomain())).toList();
        long[] before = accounts.stream().mapToLong(msn::loginId).toArray();
        boolean[] old = new boolean[accounts.size()];
        java.util.Arrays.fill(old, true);
        boolean[] isBack = new boolean[accounts.size()];
        progress.accept("kill -9 of " + victim + ", which holds " + accounts.size() + " users");
        long start = System.nanoTime();
        victimNode.killNow();
        long gone = -1;
        long slot = -1;
        long first = -1;
        long all = -1;
        int oldLeft = accounts.size();
        int back = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(Math.max(60, options.loginTimeoutSeconds()));
        long lastReport = start;
        while (all < 0 && System.nanoTime() < deadline) {
            for (int k = 0; k < accounts.size(); k++) {
                if (isBack[k]) {
                    continue;
                }
                long now = msn.loginId(accounts.get(k));
                if (old[k] && now != before[k]) {
                    old[k] = false;
                    oldLeft--;
                }
                if (now != -1 && now != before[k]) {
                    isBack[k] = true;
                    back++;
                }
            }
            long t = elapsedMs(start);
            if (gone < 0 && oldLeft == 0) {
                gone = t;
            }
            long taken = xmpp.lastSlotTakenNanos();
            if (slot < 0 && taken - start > 0) {
                slot = (taken - start) / 1_000_000;
            }
            if (first < 0 && back > 0) {
                first = t;
            }
            if (back == accounts.size()) {
                all = t;
            } else if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                progress.accept("  " + back + " of " + accounts.size() + " back after " + t + " ms");
                lastReport = System.nanoTime();
            }
            Thread.sleep(2);
        }
        int survivorActive = survivorNode.stats(false).activeUsers();
        results.takeover(new ClusterResults.Takeover(victim, accounts.size(), gone, slot, first, all, back,
                survivorActive, xmpp.dropped(), xmpp.probesAnswered()));
        progress.accept(all >= 0
                ? "take-over: all " + accounts.size() + " back after " + all + " ms"
                : "take-over: only " + back + " of " + accounts.size() + " back");
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Path logPath(String name) {
        return options.out().toAbsolutePath().getParent().resolve(name);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp dir; the OS cleans it
        }
    }
}
