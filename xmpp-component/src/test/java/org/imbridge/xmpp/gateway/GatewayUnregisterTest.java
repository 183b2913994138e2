package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Unregistering forgets what the gateway kept for the user. */
class GatewayUnregisterTest {

    private static final String ROMEO = "romeo@localhost";

    private final GatewayFixture fixture = new GatewayFixture();
    private final RecordingSink sink = fixture.sink;
    private final RegistrationStore store = fixture.store;
    private final Gateway gateway = fixture.gateway;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void unansweredAuthorizationRequestsAreDroppedWhenTheUserUnregisters() {
        store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@hotmail.com", "secret"));
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
