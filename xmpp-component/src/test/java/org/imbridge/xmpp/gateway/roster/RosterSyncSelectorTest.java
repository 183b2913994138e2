package org.imbridge.xmpp.gateway.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.imbridge.xmpp.gateway.roster.PrivilegedRosterSyncTest.contact;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.Stanzas;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.privilege.PrivilegeState;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class RosterSyncSelectorTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String JULIET = "juliet@localhost";
    private static final List<Contact> CONTACTS = List.of(contact("alice@hotmail.com", "Alice", "Friends"),
            contact("bob@hotmail.com", "Bob"));

    /** Records the calls it gets, as "method user detail". */
    private static final class RecordingSync implements RosterSync {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void sync(String userJid, Collection<Contact> contacts) {
            calls.add("sync " + userJid + " " + contacts.size());
        }

        @Override
        public void updated(String userJid, Contact contact) {
            calls.add("updated " + userJid + " " + contact.address());
        }

        @Override
        public void removed(String userJid, LegacyAddress contact) {
            calls.add("removed " + userJid + " " + contact);
        }
    }

    private final PrivilegeState privileges = new PrivilegeState();
    private final RecordingSync privileged = new RecordingSync();
    private final RecordingSync fallback = new RecordingSync();
    private PrivilegedRosterSync.Listener listener;
    private final RosterSyncSelector selector = new RosterSyncSelector(privileges, l -> {
        listener = l;
        return privileged;
    }, fallback, user -> CONTACTS);

    @Test
    void aWholeListSyncWaitsUntilTheUsersClientsSaidWhatTheyTake() {
        RecordingSync exchange = new RecordingSync();
        java.util.concurrent.CompletableFuture<Void> answered = new java.util.concurrent.CompletableFuture<>();
        boolean[] takes = {false};
        RosterSyncSelector waiting = new RosterSyncSelector(privileges, l -> privileged, fallback, exchange,
                user -> takes[0], user -> answered, user -> CONTACTS);

        waiting.sync(ROMEO, CONTACTS);
        assertThat(exchange.calls).isEmpty();
        assertThat(fallback.calls).isEmpty();
        takes[0] = true; // the client's disco#info answer says it takes roster item exchange
        answered.complete(null);

        assertThat(exchange.calls).containsExactly("sync " + ROMEO + " 2");
        assertThat(fallback.calls).isEmpty();
    }

    @Test
    void withoutPrivilegeUsersAreAskedWithSubscriptions() {
        selector.sync(ROMEO, CONTACTS);
        selector.updated(ROMEO, CONTACTS.get(0));
        selector.removed(ROMEO, LegacyAddress.of("bob@hotmail.com"));

        assertThat(selector.method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
        assertThat(fallback.calls).containsExactly("sync romeo@localhost 2", "updated romeo@localhost alice@hotmail.com",
                "removed romeo@localhost bob@hotmail.com");
        assertThat(privileged.calls).isEmpty();
    }

    @Test
    void theOldNamespaceIsNotUsed() {
        grant("localhost", "urn:xmpp:privilege:1", "both");

        selector.sync(ROMEO, CONTACTS);

        assertThat(selector.method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
        assertThat(fallback.calls).containsExactly("sync romeo@localhost 2");
    }

    @Test
    void readingRostersIsNotEnough() {
        grant("localhost", "urn:xmpp:privilege:2", "get");

        assertThat(selector.method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
    }

    @Test
    void rosterSetUnderTheCurrentNamespaceIsUsedForThatServersUsers() {
        grant("localhost", "urn:xmpp:privilege:2", "both");

        selector.sync(ROMEO, CONTACTS);
        selector.sync("stranger@elsewhere.example", CONTACTS);

        assertThat(selector.method(ROMEO)).isEqualTo(Method.PRIVILEGED);
        assertThat(privileged.calls).containsExactly("sync romeo@localhost 2");
        assertThat(fallback.calls).containsExactly("sync stranger@elsewhere.example 2");
    }

    @Test
    void aFailureSwitchesThatUserOnlyAndSyncsItAgainWithTheFallback() {
        grant("localhost", "urn:xmpp:privilege:2", "set");
        selector.sync(ROMEO, CONTACTS);
        selector.sync(JULIET, CONTACTS);

        listener.failed(ROMEO, Set.of(LegacyAddress.of("gone@hotmail.com")), new IllegalStateException("boom"));
        listener.failed(ROMEO, Set.of(), new IllegalStateException("reported twice"));
        selector.updated(ROMEO, CONTACTS.get(1));
        selector.updated(JULIET, CONTACTS.get(1));

        assertThat(selector.method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
        assertThat(selector.method(JULIET)).isEqualTo(Method.PRIVILEGED);
        assertThat(fallback.calls).containsExactly("removed romeo@localhost gone@hotmail.com", "sync romeo@localhost 2",
                "updated romeo@localhost bob@hotmail.com");
        assertThat(privileged.calls).containsExactly("sync romeo@localhost 2", "sync juliet@localhost 2",
                "updated juliet@localhost bob@hotmail.com");
    }

    @Test
    void aReconnectForgetsTheGrantUntilTheServerRepeatsIt() {
        grant("localhost", "urn:xmpp:privilege:2", "both");
        privileges.reset();

        assertThat(selector.method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
        grant("localhost", "urn:xmpp:privilege:2", "both");
        assertThat(selector.method(ROMEO)).isEqualTo(Method.PRIVILEGED);
    }

    /**
     * The whole chain with a server that grants the privilege but answers every roster set with
     * internal-server-error, as ejabberd 23.01 does: that user gets subscription requests with
     * nicknames instead, another user of a working server keeps the privileged pushes.
     */
    @Test
    void aServerWhoseRosterSetFailsGetsSubscriptionsForThatUser() {
        JidMapping jids = new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost"));
        FakeRosterServer server = new FakeRosterServer();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RegistrationStore store = RegistrationStores.inMemory()) {
            store.save(Registration.of(ROMEO, "msn", "romeo@hotmail.com", "pw"));
            IqRequests iqs = new IqRequests(server, scheduler, Duration.ofSeconds(5));
            server.answerThrough(iqs);
            grant("localhost", "urn:xmpp:privilege:2", "both");
            server.failSets(StanzaError.Condition.internal_server_error);
            Map<String, List<Contact>> lists = Map.of(ROMEO, CONTACTS);
            RosterSyncSelector chain = new RosterSyncSelector(privileges,
                    l -> new PrivilegedRosterSync(jids, iqs, privileges, store, "msn", pool, l),
                    new SubscriptionRosterSync(jids, server, store, "msn"), lists::get);

            chain.sync(ROMEO, CONTACTS);

            await().atMost(Duration.ofSeconds(5)).until(() -> store.syncedContacts(ROMEO, "msn").size() == 2);
            assertThat(chain.method(ROMEO)).isEqualTo(Method.SUBSCRIPTION);
            List<Presence> subscribes = server.sent().stream().filter(Presence.class::isInstance).map(Presence.class::cast).toList();
            assertThat(subscribes).hasSize(2).allSatisfy(p -> {
                assertThat(p.getType()).isEqualTo(Presence.Type.subscribe);
                assertThat(p.getTo().toString()).isEqualTo(ROMEO);
            });
            assertThat(subscribes).extracting(p -> p.getFrom().toString() + " " + p.getExtension(Nick.class).getName())
                    .containsExactlyInAnyOrder("alice%hotmail.com@msn.localhost Alice", "bob%hotmail.com@msn.localhost Bob");
            assertThat(server.sets()).isNotEmpty().allSatisfy(set -> assertThat(set.getTo().toString()).isEqualTo(ROMEO));
            assertThat(chain.method(JULIET)).isEqualTo(Method.PRIVILEGED);
        } finally {
            server.close();
            scheduler.shutdownNow();
            pool.shutdownNow();
        }
    }

    private void grant(String server, String namespace, String rosterType) {
        privileges.accept(Stanzas.parse("<message from='" + server + "' to='msn.localhost' xmlns='jabber:client'>"
                + "<privilege xmlns='" + namespace + "'><perm access='roster' type='" + rosterType + "'/></privilege></message>"));
    }
}
