package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.session.LinkState;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0054 vCards of contacts and of the transport, and contacts' new names as XEP-0172 nicks. */
class GatewayVCardTest {

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


    private IQ askVCard(String from, String to, String id) {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='" + id + "' from='" + from + "' to='" + to
                + "'><vCard xmlns='vcard-temp'/></iq>"));
        return fixture.awaitSent(s -> s instanceof IQ && id.equals(s.getStanzaId()));
    }

    @Test
    void aContactsVCardHasTheNameTheAddressAndTheSharedPhones() {
        session.contactCard = contact -> CompletableFuture.completedFuture(new ContactCard(contact, "Bob the Builder",
                Map.of(ContactCard.PhoneKind.HOME, "+1 555 0100", ContactCard.PhoneKind.WORK, "+1 555 0101",
                        ContactCard.PhoneKind.MOBILE, "+1 555 0102")));

        IQ answer = askVCard(ROMEO + "/r", BOB_JID, "v1");

        assertThat(answer).isInstanceOf(VCard.class);
        VCard card = (VCard) answer;
        assertThat(card.getType()).isEqualTo(IQ.Type.result);
        assertThat(card.getFrom().toString()).isEqualTo(BOB_JID);
        assertThat(card.getTo().toString()).isEqualTo(ROMEO + "/r");
        assertThat(card.getField("FN")).isEqualTo("Bob the Builder");
        assertThat(card.getNickName()).isEqualTo("Bob the Builder");
        assertThat(card.getEmailHome()).isEqualTo("bob@fakenet.example");
        assertThat(card.getPhoneHome("VOICE")).isEqualTo("+1 555 0100");
        assertThat(card.getPhoneWork("VOICE")).isEqualTo("+1 555 0101");
        assertThat(card.getPhoneHome("CELL")).isEqualTo("+1 555 0102");
        assertThat(session.calls()).contains("contactCard bob@fakenet.example");
    }

    @Test
    void theVCardSurvivesTheWireAsAClientParsesIt() {
        session.contactCard = contact -> CompletableFuture.completedFuture(new ContactCard(contact, "Bob",
                Map.of(ContactCard.PhoneKind.MOBILE, "+1 555 0102")));

        VCard parsed = Stanzas.parse(Stanzas.xml(askVCard(ROMEO + "/r", BOB_JID, "v2")));

        assertThat(parsed.getField("FN")).isEqualTo("Bob");
        assertThat(parsed.getEmailHome()).isEqualTo("bob@fakenet.example");
        assertThat(parsed.getPhoneHome("CELL")).isEqualTo("+1 555 0102");
        assertThat(parsed.getPhoneWork("VOICE")).isNull();
    }

    @Test
    void theTransportHasAVCardForAnyone() {
        VCard card = (VCard) askVCard("stranger@elsewhere.example/x", "msn.localhost", "v3");

        assertThat(card.getType()).isEqualTo(IQ.Type.result);
        assertThat(card.getField("FN")).isEqualTo(fixture.network.name() + " Transport");
        assertThat(card.getField("DESC")).contains("gateway to " + fixture.network.name());
    }

    @Test
    void someoneNotRegisteredIsToldToRegister() {
        IQ error = askVCard("juliet@localhost/j", BOB_JID, "v4");

        assertThat(error.getType()).isEqualTo(IQ.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        assertThat(error.getError().getDescriptiveText()).contains("not registered with the FakeNet transport msn.localhost");
    }

    @Test
    void aUserWhoIsOfflineIsToldToGoOnline() {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' type='unavailable' from='" + ROMEO
                + "/r' to='msn.localhost'/>"));
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(ROMEO)
                .map(u -> u.state() != LinkState.ONLINE).orElse(true));

        IQ error = askVCard(ROMEO + "/r", BOB_JID, "v5");

        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getError().getDescriptiveText()).contains("go online first");
        assertThat(session.calls()).noneMatch(c -> c.startsWith("contactCard"));
    }

    @Test
    void aContactNotOnTheListIsNotFound() {
        IQ error = askVCard(ROMEO + "/r", "carol%fakenet.example@msn.localhost", "v6");

        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(error.getError().getDescriptiveText()).contains("carol@fakenet.example");
    }

    @Test
    void whatTheNetworkCannotTellIsAnError() {
        session.contactCard = contact -> CompletableFuture.failedFuture(
                new DeliveryFailure(DeliveryFailure.Kind.UNSUPPORTED, "This network does not support contact details"));

        IQ error = askVCard(ROMEO + "/r", BOB_JID, "v7");

        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented);
        assertThat(error.getError().getDescriptiveText()).isEqualTo("This network does not support contact details");
    }

    @Test
    void vCardsCannotBeSet() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='v8' from='" + ROMEO + "/r' to='" + BOB_JID
                + "'><vCard xmlns='vcard-temp'><FN>Mallory</FN></vCard></iq>"));

        IQ error = fixture.awaitSent(s -> s instanceof IQ && "v8".equals(s.getStanzaId()));
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
    }

    @Test
    void contactsAndTheTransportAdvertiseVCards() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d1' from='" + ROMEO + "/r' to='" + BOB_JID
                + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d2' from='" + ROMEO
                + "/r' to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo contact = fixture.awaitSent(s -> s instanceof DiscoverInfo && "d1".equals(s.getStanzaId()));
        DiscoverInfo transport = fixture.awaitSent(s -> s instanceof DiscoverInfo && "d2".equals(s.getStanzaId()));
        assertThat(contact.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains("vcard-temp");
        assertThat(transport.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains("vcard-temp");
    }

    @Test
    void aNewNameOfAnOnlineContactComesAsANickInTheirPresence() {
        session.listener().onContactUpdated(new Contact(BOB, "Bobby", Set.of(), Presence.AVAILABLE));

        org.jivesoftware.smack.packet.Presence presence = fixture.awaitSent(s ->
                s instanceof org.jivesoftware.smack.packet.Presence p && p.hasExtension(Nick.QNAME));
        assertThat(presence.getType()).isEqualTo(org.jivesoftware.smack.packet.Presence.Type.available);
        assertThat(presence.getFrom().toString()).isEqualTo(BOB_JID);
        assertThat(presence.getTo().toString()).isEqualTo(ROMEO);
        assertThat(presence.getExtension(Nick.class).getName()).isEqualTo("Bobby");
        assertThat(gateway.sessions().user(ROMEO).orElseThrow().contact(BOB).orElseThrow().displayName())
                .isEqualTo("Bobby");
    }

    @Test
    void anOfflineContactsNewNameSendsNoPresence() {
        session.listener().onContactPresence(BOB, Presence.UNAVAILABLE);
        session.listener().onContactUpdated(new Contact(BOB, "Bobby", Set.of(), Presence.UNAVAILABLE));
        session.listener().onNotice("after the rename"); // events go out in order: once this is out, so is the rename
        fixture.awaitSent(s -> s instanceof org.jivesoftware.smack.packet.Message m && "after the rename".equals(m.getBody()));

        assertThat(sink.sentOfType(org.jivesoftware.smack.packet.Presence.class))
                .noneMatch(p -> p.hasExtension(Nick.QNAME));
    }
}
