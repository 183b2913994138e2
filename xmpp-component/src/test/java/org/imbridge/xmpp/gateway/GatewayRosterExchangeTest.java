package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.core.session.LinkState;
import org.imbridge.xmpp.gateway.roster.RosterExchange;
import org.imbridge.xmpp.gateway.roster.RosterExchange.Action;
import org.imbridge.xmpp.gateway.roster.RosterExchange.Item;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without a roster privilege, a client that takes XEP-0144 gets items with names and groups, then subscriptions. */
class GatewayRosterExchangeTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CAPS = "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
            + " node='https://example.org/client' ver='abc='/>";

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private DiscoverInfo awaitDisco(String to) {
        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s -> isDiscoTo(s, to)));
        return (DiscoverInfo) sink.sent().stream().filter(s -> isDiscoTo(s, to)).findFirst().orElseThrow();
    }

    private static boolean isDiscoTo(Stanza s, String to) {
        return s instanceof DiscoverInfo d && to.equals(String.valueOf(d.getTo()));
    }

    private void answer(DiscoverInfo ask, String feature) {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='result' id='" + ask.getStanzaId() + "' from='"
                + ask.getTo() + "' to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'>"
                + "<identity category='client' type='pc'/><feature var='" + feature + "'/></query></iq>"));
    }

    private void online(String resource) {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/" + resource
                + "' to='msn.localhost'>" + CAPS + "</presence>"));
    }

    @Test
    void itemsWithGroupsGoFirstThenTheSubscriptionRequests() {
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));
        online("r");
        answer(awaitDisco(ROMEO + "/r"), RosterExchange.NAMESPACE);
        Awaitility.await().atMost(WAIT).until(() -> gateway.roster().method(ROMEO) == Method.EXCHANGE);
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(ROMEO)
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        FakeSession session = fixture.network.session("romeo@fakenet.example").orElseThrow();

        session.listener().onContactList(List.of(new Contact(BOB, "Bob", Set.of("Friends"), Presence.AVAILABLE)));

        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s ->
                s instanceof org.jivesoftware.smack.packet.Presence p
                        && p.getType() == org.jivesoftware.smack.packet.Presence.Type.subscribe));
        List<Stanza> sent = sink.sent();
        int items = indexOf(sent, s -> s instanceof Message m && RosterExchange.from(m) != null);
        int subscribe = indexOf(sent, s -> s instanceof org.jivesoftware.smack.packet.Presence p
                && p.getType() == org.jivesoftware.smack.packet.Presence.Type.subscribe);
        assertThat(items).isNotNegative().isLessThan(subscribe);
        Message exchange = (Message) sent.get(items);
        assertThat(exchange.getTo().toString()).isEqualTo(ROMEO + "/r");
        assertThat(exchange.getFrom().toString()).isEqualTo("msn.localhost");
        assertThat(RosterExchange.from(exchange).items())
                .containsExactly(new Item(Action.ADD, BOB_JID, "Bob", Set.of("Friends")));

        session.listener().onContactUpdated(new Contact(BOB, "Bob", Set.of("Work"), Presence.AVAILABLE));

        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s -> s instanceof Message m
                && RosterExchange.from(m) != null
                && RosterExchange.from(m).items().contains(new Item(Action.MODIFY, BOB_JID, "Bob", Set.of("Work")))));

        session.listener().onContactRemoved(BOB);

        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s -> s instanceof Message m
                && RosterExchange.from(m) != null
                && RosterExchange.from(m).items().contains(new Item(Action.DELETE, BOB_JID, null, Set.of()))));
    }

    /**
     * A client that announces its capabilities only after its first presence (as Smack does when they are
     * enabled after login) can become known to take items while the login is still going on, after the
     * login's contact list was synced with subscriptions: it still gets the items.
     */
    @Test
    void aClientKnownToTakeItemsAfterTheLoginsSyncButBeforeTheLoginEndedGetsThem() {
        CompletableFuture<Void> loggedIn = new CompletableFuture<>();
        fixture.network.holdLogins(loggedIn);
        fixture.store.save(Registration.of(ROMEO, FakeNetwork.ID, "romeo@fakenet.example", "pw"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='msn.localhost'/>"));
        Awaitility.await().atMost(WAIT).until(() -> fixture.network.session("romeo@fakenet.example").isPresent());
        FakeSession session = fixture.network.session("romeo@fakenet.example").orElseThrow();
        session.listener().onContactList(List.of(new Contact(BOB, "Bob", Set.of("Friends"), Presence.AVAILABLE)));
        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s ->
                s instanceof org.jivesoftware.smack.packet.Presence p
                        && p.getType() == org.jivesoftware.smack.packet.Presence.Type.subscribe));

        online("r");
        answer(awaitDisco(ROMEO + "/r"), RosterExchange.NAMESPACE);
        Awaitility.await().atMost(WAIT).until(() -> gateway.roster().method(ROMEO) == Method.EXCHANGE);
        assertThat(gateway.sessions().user(ROMEO).map(BridgedUser::state)).contains(LinkState.CONNECTING);
        loggedIn.complete(null);

        Awaitility.await().atMost(WAIT).until(() -> sink.sent().stream().anyMatch(s -> s instanceof Message m
                && RosterExchange.from(m) != null && ROMEO.concat("/r").equals(String.valueOf(m.getTo()))
                && RosterExchange.from(m).items().contains(new Item(Action.ADD, BOB_JID, "Bob", Set.of("Friends")))));
    }

    @Test
    void aClientWithoutTheFeatureGetsSubscriptionsAndItsCapsVersionIsAskedAboutOnce() {
        online("a");
        answer(awaitDisco(ROMEO + "/a"), "urn:xmpp:ping");
        online("b");
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='juliet@localhost/x'"
                + " to='msn.localhost'/>"));

        Awaitility.await().during(Duration.ofMillis(300)).atMost(WAIT).until(() ->
                sink.sent().stream().filter(s -> s instanceof DiscoverInfo).count() == 1);
        assertThat(gateway.roster().method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
        assertThat(gateway.roster().method("juliet@localhost")).isEqualTo(Method.SUBSCRIPTION);
    }

    private static int indexOf(List<Stanza> sent, java.util.function.Predicate<Stanza> match) {
        for (int i = 0; i < sent.size(); i++) {
            if (match.test(sent.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
