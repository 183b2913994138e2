package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.awaitility.Awaitility;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStores;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Unregistering forgets what the gateway kept for the user. */
class GatewayUnregisterTest {

    private static final String ROMEO = "romeo@localhost";

    private final RecordingSink sink = new RecordingSink();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RegistrationStore store = RegistrationStores.inMemory();
    private final Gateway gateway = new Gateway(new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost")),
            new FakeNetwork(), store, sink, () -> new UserAllowlist(List.of("localhost")), 4096, pool, scheduler,
            new SessionPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 100, Duration.ofSeconds(20)));

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }

    @Test
    void unansweredAuthorizationRequestsAreDroppedWhenTheUserUnregisters() {
        store.save(Registration.of(ROMEO, "msn", "romeo@hotmail.com", "secret"));
        gateway.output().authorizationRequest(ROMEO, LegacyAddress.of("bob@hotmail.com"), "Bob");
        gateway.output().authorizationRequest("juliet@localhost", LegacyAddress.of("bob@hotmail.com"), "Bob");
        assertThat(gateway.output().pendingRequests(ROMEO)).isEqualTo(1);

        gateway.accept(Stanzas.parse("<iq type='set' id='u1' from='" + ROMEO + "/r' to='msn.localhost'"
                + " xmlns='jabber:client'><query xmlns='jabber:iq:register'><remove/></query></iq>"));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.sentOfType(IQ.class).stream()
                .anyMatch(iq -> "u1".equals(iq.getStanzaId()) && iq.getType() == IQ.Type.result));
        assertThat(gateway.output().pendingRequests(ROMEO)).isZero();
        assertThat(gateway.output().pendingRequests("juliet@localhost")).as("other users keep theirs").isEqualTo(1);
    }
}
