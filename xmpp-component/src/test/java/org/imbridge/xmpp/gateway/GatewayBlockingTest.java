package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.session.LinkState;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.blocking.element.BlockContactsIQ;
import org.jivesoftware.smackx.blocking.element.BlockListIQ;
import org.jivesoftware.smackx.blocking.element.UnblockContactsIQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.Jid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0191 on the transport: the block list, block, unblock, pushes, and what is refused. */
class GatewayBlockingTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final String EVE_JID = "eve%fakenet.example@msn.localhost";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");
    private static final LegacyAddress EVE = LegacyAddress.of("eve@fakenet.example");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;
    private FakeSession session;

    @BeforeEach
    void romeoIsOnlineWithTwoResources() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='msn.localhost'/>"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/s' to='msn.localhost'/>"));
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(ROMEO)
                .map(u -> u.state() == LinkState.ONLINE && u.resources().size() == 2).orElse(false));
        session = fixture.network.session("romeo@fakenet.example").orElseThrow();
        sink.clear();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theBlockListIsTheNetworksAsContactJids() {
        session.blocked.addAll(Set.of(EVE, BOB));

        IQ answer = ask("<blocklist xmlns='urn:xmpp:blocking'/>", "get", ROMEO + "/r");

        assertThat(answer).isInstanceOf(BlockListIQ.class);
        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(((BlockListIQ) answer).getBlockedJids()).extracting(Jid::toString).containsExactly(BOB_JID, EVE_JID);
    }

    @Test
    void blockingReachesTheNetworkAndIsPushedToEveryResource() {
        IQ answer = ask(block(BOB_JID, EVE_JID), "set", ROMEO + "/r");

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(session.blocked).containsExactlyInAnyOrder(BOB, EVE);
        assertThat(session.calls()).containsSubsequence("block bob@fakenet.example", "block eve@fakenet.example");
        List<BlockContactsIQ> pushes = awaitPushes(BlockContactsIQ.class, 4);
        assertThat(pushes).allSatisfy(p -> {
            assertThat(p.getType()).isEqualTo(IQ.Type.set);
            assertThat(p.getFrom().toString()).isEqualTo("msn.localhost");
        });
        assertThat(pushes).extracting(p -> p.getTo() + " " + p.getJids().get(0)).containsExactlyInAnyOrder(
                ROMEO + "/r " + BOB_JID, ROMEO + "/s " + BOB_JID, ROMEO + "/r " + EVE_JID, ROMEO + "/s " + EVE_JID);
    }

    @Test
    void unblockingReachesTheNetworkAndIsPushed() {
        session.blocked.addAll(Set.of(EVE, BOB));

        IQ answer = ask("<unblock xmlns='urn:xmpp:blocking'><item jid='" + BOB_JID + "'/></unblock>", "set", ROMEO + "/s");

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(session.blocked).containsExactly(EVE);
        assertThat(awaitPushes(UnblockContactsIQ.class, 2)).extracting(p -> p.getTo() + " " + p.getJids().get(0))
                .containsExactlyInAnyOrder(ROMEO + "/r " + BOB_JID, ROMEO + "/s " + BOB_JID);
    }

    @Test
    void unblockWithoutItemsUnblocksEveryone() {
        session.blocked.addAll(Set.of(EVE, BOB));

        IQ answer = ask("<unblock xmlns='urn:xmpp:blocking'/>", "set", ROMEO + "/r");

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(session.blocked).isEmpty();
        assertThat(awaitPushes(UnblockContactsIQ.class, 4)).extracting(p -> p.getJids().get(0).toString())
                .containsOnly(BOB_JID, EVE_JID);
    }

    @Test
    void aChangeMadeOnTheNetworkIsPushed() {
        session.listener().onBlockListChanged(BOB, true);

        assertThat(awaitPushes(BlockContactsIQ.class, 2)).extracting(p -> p.getTo().toString())
                .containsExactlyInAnyOrder(ROMEO + "/r", ROMEO + "/s");
    }

    @Test
    void anItemThatIsNoContactOfTheTransportChangesNothing() {
        IQ foreign = ask(block(BOB_JID, "juliet@example.org"), "set", ROMEO + "/r");
        IQ transport = ask(block("msn.localhost"), "set", ROMEO + "/r");
        IQ notAnAccount = ask(block("nobody@msn.localhost"), "set", ROMEO + "/r");

        assertThat(List.of(foreign, transport, notAnAccount)).allSatisfy(iq -> {
            assertThat(iq.getType()).isEqualTo(IQ.Type.error);
            assertThat(iq.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        });
        assertThat(foreign.getError().getDescriptiveText()).isEqualTo(
                "juliet@example.org is not a FakeNet contact of this transport");
        assertThat(session.blocked).isEmpty();
        assertThat(session.calls()).noneMatch(c -> c.startsWith("block"));
    }

    @Test
    void aBlockWithoutItemsOrWithTooManyIsABadRequest() {
        IQ empty = ask("<block xmlns='urn:xmpp:blocking'/>", "set", ROMEO + "/r");
        String[] many = IntStream.range(0, 101).mapToObj(i -> "u" + i + "%fakenet.example@msn.localhost")
                .toArray(String[]::new);
        IQ tooMany = ask(block(many), "set", ROMEO + "/r");

        assertThat(empty.getError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(tooMany.getError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(tooMany.getError().getDescriptiveText()).isEqualTo("At most 100 contacts per request, not 101");
        assertThat(session.blocked).isEmpty();
    }

    @Test
    void someoneNotRegisteredIsToldToRegister() {
        IQ answer = ask("<blocklist xmlns='urn:xmpp:blocking'/>", "get", "juliet@localhost/j");

        assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
    }

    @Test
    void aRegisteredUserWhoIsOfflineIsToldToGoOnline() {
        fixture.store.save(Registration.of("juliet@localhost", FakeNetwork.ID, "juliet@fakenet.example", "pw"));

        IQ answer = ask(block(BOB_JID), "set", "juliet@localhost/j");

        assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(answer.getError().getDescriptiveText()).isEqualTo("You are not connected to FakeNet; go online first");
    }

    @Test
    void theTransportAdvertisesBlocking() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d1' from='" + ROMEO
                + "/r' to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = fixture.awaitSent(s -> s instanceof DiscoverInfo && "d1".equals(s.getStanzaId()));
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains("urn:xmpp:blocking");
    }

    private static String block(String... jids) {
        return "<block xmlns='urn:xmpp:blocking'>"
                + java.util.Arrays.stream(jids).map(j -> "<item jid='" + j + "'/>").collect(Collectors.joining())
                + "</block>";
    }

    private int ids;

    private IQ ask(String child, String type, String from) {
        String id = "b" + ++ids;
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='" + type + "' id='" + id + "' from='" + from
                + "' to='msn.localhost'>" + child + "</iq>"));
        return fixture.awaitSent(s -> s instanceof IQ iq && id.equals(iq.getStanzaId())
                && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error));
    }

    private <T extends IQ> List<T> awaitPushes(Class<T> type, int count) {
        Awaitility.await().atMost(WAIT).until(() -> pushes(type).size() >= count);
        return pushes(type);
    }

    private <T extends IQ> List<T> pushes(Class<T> type) {
        return sink.sent().stream().filter(type::isInstance).map(type::cast)
                .filter(iq -> iq.getType() == IQ.Type.set).toList();
    }

}
