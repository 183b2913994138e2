package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0224 attention both ways, and notes about content the transport cannot show. */
class GatewayAttentionAndUnsupportedTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;
    private FakeSession session;

    @BeforeEach
    void romeoIsOnlineWithBobOnHisList() {
        fixture.register(ROMEO, "romeo@fakenet.example");
        session = fixture.online(ROMEO, "romeo@fakenet.example", List.of(new Contact(BOB, "Bob", Set.of(), Presence.AVAILABLE)));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }


    @Test
    void aNudgeIsAnAttentionHeadlineFromTheContact() {
        session.listener().onAttention(BOB);

        Message nudge = fixture.awaitSent(s -> s instanceof Message m && m.hasExtension("attention", "urn:xmpp:attention:0"));
        assertThat(nudge.getType()).isEqualTo(Message.Type.headline);
        assertThat(nudge.getFrom().toString()).isEqualTo(BOB_JID);
        assertThat(nudge.getTo().toString()).isEqualTo(ROMEO);
        assertThat(nudge.getBody()).isEqualTo("Bob wants your attention");
    }

    @Test
    void theUsersAttentionGoesToTheContactAndItsBodyToo() {
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='headline' id='a1' from='" + ROMEO + "/r' to='"
                + BOB_JID + "'><attention xmlns='urn:xmpp:attention:0'/><body>wake up</body></message>"));

        Awaitility.await().atMost(WAIT).until(() -> session.calls().containsAll(List.of(
                "sendAttention bob@fakenet.example", "sendMessage bob@fakenet.example wake up")));
    }

    @Test
    void attentionTheNetworkRefusesComesBackAsAnError() {
        session.sendAttention = to -> CompletableFuture.failedFuture(
                new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE, "Bob is offline"));

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' id='a2' from='" + ROMEO + "/r' to='" + BOB_JID
                + "'><attention xmlns='urn:xmpp:attention:0'/></message>"));

        Message error = fixture.awaitSent(s -> s instanceof Message m && "a2".equals(m.getStanzaId()));
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getDescriptiveText()).isEqualTo("Could not ask for attention: Bob is offline");
        assertThat(session.calls()).noneMatch(c -> c.startsWith("sendMessage"));
    }

    @Test
    void contactsAdvertiseAttention() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d1' from='" + ROMEO + "/r' to='" + BOB_JID
                + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = fixture.awaitSent(s -> s instanceof DiscoverInfo && "d1".equals(s.getStanzaId()));
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains("urn:xmpp:attention:0");
    }

    @Test
    void theTransportSaysItHostsRooms() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d2' from='" + ROMEO
                + "/r' to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = fixture.awaitSent(s -> s instanceof DiscoverInfo && "d2".equals(s.getStanzaId()));
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains("http://jabber.org/protocol/muc");
    }

    @Test
    void unsupportedContentIsNotedInTheChatWithTheContactAtABoundedRate() {
        for (int i = 0; i < 8; i++) {
            gateway.output().unsupportedContent(ROMEO, BOB, "a wink");
        }

        List<Message> notes = sink.sentOfType(Message.class);
        assertThat(notes).hasSize(5).allSatisfy(m -> {
            assertThat(m.getType()).isEqualTo(Message.Type.chat);
            assertThat(m.getFrom().toString()).isEqualTo(BOB_JID);
            assertThat(m.getBody()).isEqualTo("Bob sent you a wink, which this transport cannot show");
        });
        // another contact has a limit of its own
        gateway.output().unsupportedContent(ROMEO, LegacyAddress.of("carol@fakenet.example"), "a file (notes.txt)");
        assertThat(sink.last()).isInstanceOfSatisfying(Message.class, m -> assertThat(m.getBody())
                .isEqualTo("carol@fakenet.example sent you a file (notes.txt), which this transport cannot show"));
    }

    @Test
    void unsupportedContentFromTheNetworkArrivesThroughTheSession() {
        session.listener().onUnsupportedContent(BOB, "a voice clip");

        Message note = fixture.awaitSent(s -> s instanceof Message m && m.getBody() != null);
        assertThat(note.getBody()).isEqualTo("Bob sent you a voice clip, which this transport cannot show");
    }
}
