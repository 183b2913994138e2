package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A roster push about a contact's groups moves the contact between legacy groups. */
class GatewayRosterGroupsTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;
    private FakeSession session;

    @BeforeEach
    void romeoIsOnlineWithBobInFriends() {
        fixture.register(ROMEO, "romeo@fakenet.example");
        session = fixture.online(ROMEO, "romeo@fakenet.example", List.of(new Contact(BOB, "Bob", Set.of("Friends"), Presence.AVAILABLE)));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void push(String id, String groups) {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='" + id + "' from='" + ROMEO
                + "' to='msn.localhost'><query xmlns='jabber:iq:roster'><item jid='" + BOB_JID
                + "' name='Bob' subscription='both'>" + groups + "</item></query></iq>"));
    }

    private IQ answer(String id) {
        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s -> id.equals(s.getStanzaId())));
        return (IQ) sink.sent().stream().filter(s -> id.equals(s.getStanzaId())).findFirst().orElseThrow();
    }

    @Test
    void aPushWithOtherGroupsMovesTheContact() {
        push("p1", "<group>Work</group><group>Family</group>");

        assertThat(answer("p1").getType()).isEqualTo(IQ.Type.result);
        Awaitility.await().atMost(WAIT).until(() ->
                session.calls().contains("setContactGroups bob@fakenet.example [Family, Work]"));
    }

    @Test
    void aPushWithTheSameGroupsOrAboutAnotherJidChangesNothing() {
        push("p2", "<group>Friends</group>");
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='p3' from='" + ROMEO
                + "' to='msn.localhost'><query xmlns='jabber:iq:roster'><item jid='juliet@localhost'>"
                + "<group>Work</group></item></query></iq>"));

        assertThat(answer("p2").getType()).isEqualTo(IQ.Type.result);
        assertThat(answer("p3").getType()).isEqualTo(IQ.Type.result);
        assertThat(session.calls()).noneMatch(c -> c.startsWith("setContactGroups"));
    }

    @Test
    void aPushWithoutGroupsTakesTheContactOutOfItsGroups() {
        push("p4", "");

        assertThat(answer("p4").getType()).isEqualTo(IQ.Type.result);
        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("setContactGroups bob@fakenet.example []"));
    }

    @Test
    void aRosterExchangeModifyFromTheUsersClientMovesTheContact() {
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' from='" + ROMEO + "/r' to='msn.localhost'>"
                + "<x xmlns='http://jabber.org/protocol/rosterx'>"
                + "<item action='modify' jid='" + BOB_JID + "' name='Bob'><group>Work</group></item>"
                + "<item action='delete' jid='carol%fakenet.example@msn.localhost'/>"
                + "</x></message>"));

        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("setContactGroups bob@fakenet.example [Work]"));
        assertThat(session.calls()).filteredOn(c -> c.startsWith("setContactGroups")).hasSize(1);
        assertThat(sink.sent()).as("a roster exchange is not answered").isEmpty();
    }

    @Test
    void theTransportAdvertisesRosterItemExchange() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d1' from='" + ROMEO
                + "/r' to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        assertThat(((org.jivesoftware.smackx.disco.packet.DiscoverInfo) answer("d1"))
                .containsFeature("http://jabber.org/protocol/rosterx")).isTrue();
    }
}
