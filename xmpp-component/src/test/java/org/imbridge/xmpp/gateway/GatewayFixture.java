package org.imbridge.xmpp.gateway;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.awaitility.Awaitility;
import org.imbridge.core.model.Contact;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.cluster.ClusterOptions;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A {@link Gateway} for msn.localhost over a {@link FakeNetwork} and an in-memory store, whose
 * stanzas land in a {@link RecordingSink}; users of localhost may register. Close it after the test.
 */
final class GatewayFixture implements AutoCloseable {

    /** How long the helpers wait for the gateway. */
    static final Duration WAIT = Duration.ofSeconds(5);

    final RecordingSink sink = new RecordingSink();
    final RegistrationStore store = RegistrationStores.inMemory();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final FakeNetwork network;
    final Gateway gateway;

    GatewayFixture() {
        this(new FakeNetwork());
    }

    GatewayFixture(FakeNetwork network) {
        this(network, ClusterOptions.sole());
    }

    /** One of several instances, sharing users through {@code cluster}. */
    GatewayFixture(FakeNetwork network, ClusterOptions cluster) {
        this.network = network;
        this.gateway = new Gateway(new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost")),
                network, store, sink, () -> new UserAllowlist(List.of("localhost")), pool, scheduler,
                new SessionPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 100, Duration.ofSeconds(20)), cluster);
    }

    /** Stores {@code userJid}'s registration of {@code account} on the fake network. */
    void register(String userJid, String account) {
        store.save(Registration.of(userJid, FakeNetwork.ID, account, "pw"));
    }

    /**
     * Brings the registered {@code userJid} online from resource {@code /r}, hands its session
     * {@code contacts} as the contact list, waits until the bridge knows them, and clears the sink.
     */
    FakeSession online(String userJid, String account, List<Contact> contacts) {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + userJid + "/r' to='msn.localhost'/>"));
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(userJid)
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        FakeSession session = network.session(account).orElseThrow();
        session.listener().onContactList(contacts);
        Awaitility.await().atMost(WAIT).until(() -> contacts.stream().allMatch(c ->
                gateway.sessions().user(userJid).orElseThrow().contact(c.address()).isPresent()));
        sink.clear();
        return session;
    }

    /** The first stanza sent that matches, once there is one. */
    @SuppressWarnings("unchecked")
    <S extends Stanza> S awaitSent(Predicate<Stanza> match) {
        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(match));
        return (S) sink.sent().stream().filter(match).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }
}
