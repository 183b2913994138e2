package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stanzas to a JID of the transport that is no MSN address get jid-malformed; nothing vanishes, no error loops. */
class UnmappedContactJidsTest {

    private static final String FROM = "romeo@localhost/pc";

    private final GatewayFixture fixture = new GatewayFixture();
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%b%c", "abc%", "%abc", "bob", "bob%nodot"})
    void aMessageComesBackAsJidMalformedWithItsBody(String local) {
        String to = local + "@msn.localhost";
        gateway.accept(Stanzas.parse("<message type='chat' id='m1' from='" + FROM + "' to='" + to
                + "' xmlns='jabber:client'><body>hello</body></message>"));

        Message error = (Message) only();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        assertThat(error.getStanzaId()).isEqualTo("m1");
        assertThat(error.getFrom().toString()).isEqualTo(to);
        assertThat(error.getTo().toString()).isEqualTo(FROM);
        assertThat(error.getBody()).isEqualTo("hello");
        assertThat(error.getError().getDescriptiveText()).contains("user%domain@msn.localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe"})
    void subscriptionsAndProbesComeBackAsJidMalformed(String type) {
        gateway.accept(Stanzas.parse("<presence type='" + type + "' id='p1' from='" + FROM
                + "' to='a%b%c@msn.localhost' xmlns='jabber:client'/>"));

        Presence error = (Presence) only();
        assertThat(error.getType()).isEqualTo(Presence.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        assertThat(error.getStanzaId()).isEqualTo("p1");
        assertThat(error.getFrom().toString()).isEqualTo("a%b%c@msn.localhost");
        assertThat(error.getTo().toString()).isEqualTo(FROM);
    }

    @Test
    void anIqComesBackAsJidMalformed() {
        gateway.accept(Stanzas.parse("<iq type='get' id='q1' from='" + FROM + "' to='abc%@msn.localhost'"
                + " xmlns='jabber:client'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        IQ error = (IQ) only();
        assertThat(error.getType()).isEqualTo(IQ.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        assertThat(error.getStanzaId()).isEqualTo("q1");
    }

    @Test
    void errorsResultsAndDirectedPresenceAreNotAnswered() {
        gateway.accept(Stanzas.parse("<message type='error' id='e1' from='" + FROM + "' to='%@msn.localhost'"
                + " xmlns='jabber:client'><error type='cancel'><item-not-found"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"));
        gateway.accept(Stanzas.parse("<presence type='error' id='e2' from='" + FROM + "' to='%@msn.localhost'"
                + " xmlns='jabber:client'><error type='cancel'><item-not-found"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
        gateway.accept(Stanzas.parse("<iq type='error' id='e3' from='" + FROM + "' to='%@msn.localhost'"
                + " xmlns='jabber:client'><error type='cancel'><item-not-found"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
        gateway.accept(Stanzas.parse("<iq type='result' id='e4' from='" + FROM + "' to='%@msn.localhost'"
                + " xmlns='jabber:client'/>"));
        gateway.accept(Stanzas.parse("<presence id='e5' from='" + FROM + "' to='%@msn.localhost' xmlns='jabber:client'/>"));
        gateway.accept(Stanzas.parse("<presence type='unavailable' id='e6' from='" + FROM
                + "' to='%@msn.localhost' xmlns='jabber:client'/>"));
        // a marker that is answered: everything before it has been handled by then
        gateway.accept(Stanzas.parse("<message id='mark' from='" + FROM + "' to='%@msn.localhost'"
                + " xmlns='jabber:client'><body>x</body></message>"));

        assertThat(sink.sent()).extracting(Stanza::getStanzaId).containsExactly("mark");
    }

    @Test
    void aWellFormedContactAddressIsNotRefusedAsMalformed() {
        gateway.accept(Stanzas.parse("<message type='chat' id='m2' from='" + FROM
                + "' to='bob%hotmail.com@msn.localhost' xmlns='jabber:client'><body>hi</body></message>"));

        // romeo is not registered: the message bounces for that reason, not for its address
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !sink.sent().isEmpty());
        Message error = (Message) sink.sent().get(0);
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isNotEqualTo(StanzaError.Condition.jid_malformed);
    }

    private Stanza only() {
        assertThat(sink.sent()).hasSize(1);
        return sink.sent().get(0);
    }
}
