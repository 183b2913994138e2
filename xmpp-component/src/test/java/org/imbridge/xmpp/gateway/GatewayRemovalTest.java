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
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registrations removed by an administrator, through the admin command or by another process (seen in
 * the store's removal log): the session ends, the user is told, the transport goes unavailable, the
 * roster entries are retracted; the user's own unregistration is not handled a second time.
 */
class GatewayRemovalTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;
    private FakeSession session;

    @BeforeEach
    void romeoIsOnlineWithBobOnHisRoster() {
        fixture.register(ROMEO, "romeo@fakenet.example");
        fixture.store.markSynced(ROMEO, FakeNetwork.ID, BOB.value());
        gateway.removalLog().start();
        session = fixture.online(ROMEO, "romeo@fakenet.example", List.of(new Contact(BOB, "Bob", Set.of(), Presence.AVAILABLE)));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theAdminCommandsRemovalLogsOutTellsTheUserAndRetractsTheRoster() {
        assertThat(gateway.removals().removeByAdmin(ROMEO)).isTrue();

        assertThat(fixture.store.find(ROMEO, FakeNetwork.ID)).isEmpty();
        assertCarriedOut();

        sink.clear();
        gateway.removalLog().poll();
        assertThat(sink.sent()).as("the log's copy of a removal made here is skipped").isEmpty();
        assertThat(gateway.removals().removeByAdmin(ROMEO)).as("no longer registered").isFalse();
    }

    @Test
    void aRemovalByAnotherProcessIsCarriedOutAtTheNextPoll() {
        // what `imbridge users remove` does in another process: a store write, nothing else
        assertThat(fixture.store.remove(ROMEO, FakeNetwork.ID)).isTrue();
        assertThat(sink.sent()).isEmpty();

        gateway.removalLog().poll();

        assertCarriedOut();
        sink.clear();
        gateway.removalLog().poll();
        assertThat(sink.sent()).as("each removal is carried out once").isEmpty();
    }

    @Test
    void theUsersOwnUnregistrationIsNotAnnouncedAsTheAdminsDoing() {
        gateway.accept(Stanzas.parse("<iq type='set' id='u1' from='" + ROMEO + "/r' to='msn.localhost'"
                + " xmlns='jabber:client'><query xmlns='jabber:iq:register'><remove/></query></iq>"));
        Awaitility.await().atMost(WAIT).until(() -> sink.sentOfType(IQ.class).stream()
                .anyMatch(iq -> "u1".equals(iq.getStanzaId()) && iq.getType() == IQ.Type.result));
        int sent = sink.sent().size();

        gateway.removalLog().poll();

        assertThat(sink.sent()).hasSize(sent);
        assertThat(sink.sentOfType(Message.class)).noneMatch(m -> String.valueOf(m.getBody()).contains("administrator"));
    }

    @Test
    void afterTheRemovalAMessageToAContactBouncesAsNotRegistered() {
        fixture.store.remove(ROMEO, FakeNetwork.ID);
        gateway.removalLog().poll();
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(ROMEO).isEmpty());

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='chat' id='m1' from='" + ROMEO + "/r' to='"
                + BOB_JID + "'><body>still there?</body></message>"));

        Message bounce = fixture.awaitSent(s -> s instanceof Message m && "m1".equals(m.getStanzaId()));
        assertThat(bounce.getType()).isEqualTo(Message.Type.error);
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        assertThat(bounce.getError().getDescriptiveText()).contains("not registered").contains("msn.localhost");
    }

    private void assertCarriedOut() {
        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("logout"));
        Message notice = fixture.awaitSent(s -> s instanceof Message m && m.getBody() != null
                && m.getBody().contains("removed by an administrator"));
        assertThat(notice.getFrom().toString()).isEqualTo("msn.localhost");
        assertThat(notice.getTo().toString()).isEqualTo(ROMEO);
        assertThat(notice.getType()).isEqualTo(Message.Type.normal);
        assertThat(notice.getBody()).contains("register with msn.localhost again");
        awaitPresence("msn.localhost", org.jivesoftware.smack.packet.Presence.Type.unavailable);
        awaitPresence(BOB_JID, org.jivesoftware.smack.packet.Presence.Type.unavailable);
        for (String from : List.of(BOB_JID, "msn.localhost")) {
            awaitPresence(from, org.jivesoftware.smack.packet.Presence.Type.unsubscribe);
            awaitPresence(from, org.jivesoftware.smack.packet.Presence.Type.unsubscribed);
        }
        assertThat(gateway.sessions().user(ROMEO)).isEmpty();
    }

    private void awaitPresence(String from, org.jivesoftware.smack.packet.Presence.Type type) {
        fixture.awaitSent(s -> s instanceof org.jivesoftware.smack.packet.Presence p && p.getType() == type
                && p.getFrom().toString().equals(from) && p.getTo().toString().equals(ROMEO));
    }

}
