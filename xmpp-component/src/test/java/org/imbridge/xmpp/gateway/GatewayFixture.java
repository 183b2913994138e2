package org.imbridge.xmpp.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A {@link Gateway} for msn.localhost over a {@link FakeNetwork} and an in-memory store, whose
 * stanzas land in a {@link RecordingSink}; users of localhost may register. Close it after the test.
 */
final class GatewayFixture implements AutoCloseable {

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
        this.network = network;
        this.gateway = new Gateway(new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost")),
                network, store, sink, () -> new UserAllowlist(List.of("localhost")), pool, scheduler,
                new SessionPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 100, Duration.ofSeconds(20)));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }
}
