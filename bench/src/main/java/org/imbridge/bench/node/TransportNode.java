package org.imbridge.bench.node;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportSettings;
import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.plugin.MsnNetwork;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * The product under test, wired as the launcher wires it (8 workers, default session policy and MSN
 * client settings) but with an in-memory H2 store into which the bench's users are registered
 * directly: {@code u<i>@bench.local} as MSN account {@code u<i>@bench.msn}.
 */
final class TransportNode implements NodeMain.Node {

    private final Transport transport;
    private final MsnNetwork network;

    private TransportNode(Transport transport, MsnNetwork network) {
        this.transport = transport;
        this.network = network;
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
        BenchNames names = BenchNames.DEFAULT;

        RegistrationStore store = RegistrationStores.inMemory();
        // The store's pool has four connections: register in parallel to start quickly.
        java.util.stream.IntStream.range(0, users).parallel().forEach(i ->
                store.save(Registration.of(Stanzas.userJid(i, names.userDomain()), "msn",
                        Stanzas.msnAccount(i, names.msnDomain()), names.password(i))));
        ComponentConfig component = ComponentConfig.builder(names.transportDomain(), names.secret())
                .host("127.0.0.1").port(xmppPort).maxOutgoingQueue(maxOutgoing).build();
        MsnClientConfig msn = msnIoThreads > 0
                ? MsnClientConfig.defaults().toBuilder().ioProcessors(msnIoThreads).build() : MsnClientConfig.defaults();
        MsnNetwork network = new MsnNetwork(new InetSocketAddress(msnHost, msnPort), msn);
        UserAllowlist allowlist = new UserAllowlist(List.of());
        TransportSettings settings = new TransportSettings(component, network, store, () -> allowlist,
                64 * 1024, SessionPolicy.DEFAULTS, workers);
        Transport transport = Transport.start(settings, stopped -> { }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new TransportNode(transport, network);
    }

    @Override
    public String readyLine() {
        return "transport";
    }

    @Override
    public NodeStats stats(boolean gc) {
        return NodeStats.measure(gc, transport.gateway().sessions().activeUsers().size(),
                network.client().connectionCount());
    }

    @Override
    public void close() {
        transport.close();
    }
}
