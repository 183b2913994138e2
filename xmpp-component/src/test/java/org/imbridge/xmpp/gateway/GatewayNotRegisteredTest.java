package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.imbridge.core.registration.Registration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Users without a session who write to contact or room JIDs: a registered user is told to go online, a
 * user who is not registered is told so, with the transport to register with.
 */
class GatewayNotRegisteredTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMessageFromSomeoneNotRegisteredSaysSoAndWhereToRegister() {
        gateway.accept(message("m1", BOB_JID, "<body>hi</body>"));

        StanzaError error = awaitError("m1");
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        assertThat(error.getDescriptiveText())
                .isEqualTo("You are not registered with the FakeNet transport msn.localhost; register with it first "
                        + "(your client lists it under service discovery or gateways)");
    }

    @Test
    void aMessageFromARegisteredUserWhoIsOfflineSaysGoOnline() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));

        gateway.accept(message("m2", BOB_JID, "<body>hi</body>"));

        StanzaError error = awaitError("m2");
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getDescriptiveText()).isEqualTo("You are not connected to FakeNet Chat; go online first");
    }

    @Test
    void attentionFromSomeoneNotRegisteredSaysSo() {
        gateway.accept(message("a1", BOB_JID, "<attention xmlns='urn:xmpp:attention:0'/>"));

        StanzaError error = awaitError("a1");
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        assertThat(error.getDescriptiveText()).contains("not registered with the FakeNet transport msn.localhost");
    }

    @Test
    void attentionFromARegisteredUserWhoIsOfflineSaysGoOnline() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));

        gateway.accept(message("a2", BOB_JID, "<attention xmlns='urn:xmpp:attention:0'/>"));

        StanzaError error = awaitError("a2");
        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getDescriptiveText()).contains("go online first");
    }

    @Test
    void openingARoomWithoutRegistrationSaysSoAndOfflineSaysGoOnline() {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' id='j1' from='" + ROMEO + "/r'"
                + " to='chat1@msn.localhost/romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));
        Presence refused = fixture.awaitSent(s -> s instanceof Presence p && "j1".equals(p.getStanzaId()));
        assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        assertThat(refused.getError().getDescriptiveText()).contains("not registered").contains("msn.localhost");

        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' id='j2' from='" + ROMEO + "/r'"
                + " to='chat1@msn.localhost/romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));
        Presence offline = fixture.awaitSent(s -> s instanceof Presence p && "j2".equals(p.getStanzaId()));
        assertThat(offline.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(offline.getError().getDescriptiveText()).contains("go online first");
    }

    private static Message message(String id, String to, String content) {
        return Stanzas.parse("<message xmlns='jabber:client' type='chat' id='" + id + "' from='" + ROMEO + "/r' to='"
                + to + "'>" + content + "</message>");
    }

    private StanzaError awaitError(String id) {
        Message error = fixture.awaitSent(s -> s instanceof Message m && id.equals(m.getStanzaId())
                && m.getType() == Message.Type.error);
        return error.getError();
    }

}
