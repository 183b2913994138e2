package org.imbridge.bench.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imbridge.app.launcher.ClusterSettings;
import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportSettings;
import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.ReferralAllowList;
import org.imbridge.msn.plugin.MsnNetwork;
import org.imbridge.postgres.PrivatePostgres;
import org.imbridge.store.RegistrationStores;
import org.imbridge.store.SessionOwnerships;
import org.imbridge.store.StoreConfig;
import org.imbridge.xmpp.gateway.cluster.ClusterOptions;
import org.imbridge.xmpp.gateway.cluster.ComponentStreams;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * The product under test, wired as the launcher wires it (8 workers, default session policy and MSN
 * client settings) but with an in-memory H2 store into which the bench's users are registered
 * directly: {@code u<i>@bench.local} as MSN account {@code u<i>@bench.msn}.
 *
 * <p>With {@code --store-url} (PostgreSQL) it is instance {@code --instance} of a deployment whose
 * users the driver registered in that database, balanced over {@code --slots} component slots.
 */
final class TransportNode implements NodeMain.Node {

    // the defaults of the config's instance section
    private static final Duration HEARTBEAT = ClusterSettings.DEFAULT_HEARTBEAT;
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Transport transport;
    private final MsnNetwork network;
    private final CountingStore storeCalls;

    private TransportNode(Transport transport, MsnNetwork network, CountingStore storeCalls) {
        this.transport = transport;
        this.network = network;
        this.storeCalls = storeCalls;
    }

    static TransportNode start(String[] args) throws Exception {
        int users = Integer.parseInt(NodeMain.option(args, "users", "0"));
        int xmppPort = Integer.parseInt(NodeMain.option(args, "xmpp-port", "5347"));
        String msnHost = NodeMain.option(args, "msn-host", "127.0.0.1");
        int msnPort = Integer.parseInt(NodeMain.option(args, "msn-port", "1863"));
        int workers = Integer.parseInt(NodeMain.option(args, "workers", "8"));
        int msnIoThreads = Integer.parseInt(NodeMain.option(args, "msn-io-threads", "0"));
        int maxOutgoing = Integer.parseInt(NodeMain.option(args, "max-outgoing-queue",
                String.valueOf(ComponentConfig.DEFAULT_MAX_OUTGOING_QUEUE)));
        String storeUrl = NodeMain.option(args, "store-url", null);
        BenchNames names = BenchNames.DEFAULT;

        RegistrationStore backing;
        if (storeUrl == null) {
            RegistrationStore store = RegistrationStores.inMemory();
            backing = store;
            // The store's pool has four connections: register in parallel to start quickly.
            java.util.stream.IntStream.range(0, users).parallel().forEach(i ->
                    store.save(Registration.of(Stanzas.userJid(i, names.userDomain()), "msn",
                            Stanzas.msnAccount(i, names.msnDomain()), names.password(i))));
        } else {
            backing = RegistrationStores.open(sharedStore(storeUrl, NodeMain.option(args, "key-file", null)));
        }
        CountingStore counting = CountingStore.wrap(backing);
        RegistrationStore store = counting.store();
        ComponentConfig component = ComponentConfig.builder(names.transportDomain(), names.secret())
                .host("127.0.0.1").port(xmppPort).maxOutgoingQueue(maxOutgoing).build();
        String referrals = NodeMain.option(args, "msn-allowed-referrals", "");
        MsnClientConfig.Builder msnConfig = MsnClientConfig.defaults().toBuilder();
        if (msnIoThreads > 0) {
            msnConfig.ioProcessors(msnIoThreads);
        }
        if (!referrals.isEmpty()) {
            // the notification server's other loopback addresses (LoopbackSpread)
            msnConfig.allowedReferrals(ReferralAllowList.of(List.of(referrals.split(","))));
        }
        MsnClientConfig msn = msnConfig.build();
        MsnNetwork network = new MsnNetwork(new InetSocketAddress(msnHost, msnPort), msn);
        UserAllowlist allowlist = new UserAllowlist(List.of());
        TransportSettings settings = new TransportSettings(component, network, store, () -> allowlist,
                64 * 1024, SessionPolicy.DEFAULTS, workers);
        if (storeUrl != null) {
            String instance = NodeMain.option(args, "instance", "t1");
            int slots = Integer.parseInt(NodeMain.option(args, "slots", "2"));
            SessionOwnership ownership = SessionOwnerships.open(sharedStore(storeUrl,
                    NodeMain.option(args, "key-file", null)), instance, LEASE, GRACE);
            settings = settings.withCluster(new ClusterSettings(
                    new ClusterOptions(ownership, GRACE, slots, ComponentStreams.SINGLE), HEARTBEAT));
        }
        Transport transport = Transport.start(settings, stopped -> { }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new TransportNode(transport, network, counting);
    }

    /** The database the driver registered the users in (trust authentication, the driver's key file). */
    static StoreConfig sharedStore(String url, String keyFile) {
        return StoreConfig.jdbc(url, PrivatePostgres.USER, "", Path.of(keyFile)).withPoolSize(8);
    }

    @Override
    public String readyLine() {
        return "transport";
    }

    @Override
    public NodeStats stats(boolean gc) {
        return NodeStats.measure(gc, transport.gateway().sessions().activeUsers().size(),
                network.client().connectionCount(), storeCalls.calls(), storeCalls.nanos());
    }

    @Override
    public void close() {
        transport.close();
    }
}
