package org.imbridge.xmpp.gateway.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.Stanzas;
import org.imbridge.xmpp.gateway.iq.IqRequestException;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.privilege.PrivilegeState;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

class PrivilegedRosterSyncTest {

    static final String ROMEO = "romeo@localhost";
    static final BareJid ROMEO_JID = JidCreate.bareFromOrThrowUnchecked(ROMEO);
    static final Duration WAIT = Duration.ofSeconds(5);

    record Failure(String user, Set<LegacyAddress> removals, Throwable cause) {
    }

    private final JidMapping jids = new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost"));
    private final FakeRosterServer server = new FakeRosterServer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final PrivilegeState privileges = new PrivilegeState();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<String> moves = new CopyOnWriteArrayList<>();
    private RegistrationStore store;
    private IqRequests iqs;
    private PrivilegedRosterSync sync;

    @BeforeEach
    void setUp() {
        store = RegistrationStores.inMemory();
        store.save(Registration.of(ROMEO, "msn", "romeo@hotmail.com", "pw"));
        use(new IqRequests(server, scheduler, WAIT), "both");
    }

    private void use(IqRequests requests, String rosterAccess) {
        iqs = requests;
        server.answerThrough(iqs);
        privileges.reset();
        privileges.accept(Stanzas.parse("<message from='localhost' to='msn.localhost' xmlns='jabber:client'>"
                + "<privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='" + rosterAccess + "'/>"
                + "</privilege></message>"));
        sync = new PrivilegedRosterSync(jids, iqs, privileges, store, "msn", pool,
                (user, removals, cause) -> failures.add(new Failure(user, removals, cause)),
                (user, contact, groups) -> moves.add(user + " " + contact + " " + new java.util.TreeSet<>(groups)));
    }

    @AfterEach
    void tearDown() {
        server.close();
        scheduler.shutdownNow();
        pool.shutdownNow();
        store.close();
    }

    @Test
    void aFirstSyncPushesEveryContactOneItemPerSet() {
        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice", "Friends"),
                contact("bob@hotmail.com", "Bob <3", "Work", "Friends"), contact("carol@hotmail.com", "Carol")));

        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").size() == 3);
        assertThat(server.gets()).hasSize(1).allSatisfy(get -> {
            assertThat(get.getFrom().toString()).isEqualTo("msn.localhost");
            assertThat(get.getTo().toString()).isEqualTo(ROMEO);
        });
        assertThat(server.sets()).hasSize(3).allSatisfy(set -> {
            assertThat(set.getFrom().toString()).isEqualTo("msn.localhost");
            assertThat(set.getTo().toString()).isEqualTo(ROMEO);
            assertThat(set.getRosterItems()).hasSize(1);
            assertThat(set.getRosterItems().get(0).getItemType()).isEqualTo(RosterPacket.ItemType.both);
        });
        RosterPacket.Item bob = server.roster(ROMEO_JID).get(jid("bob%hotmail.com@msn.localhost"));
        assertThat(bob.getName()).isEqualTo("Bob <3");
        assertThat(bob.getGroupNames()).containsExactlyInAnyOrder("Work", "Friends");
        assertThat(server.roster(ROMEO_JID).get(jid("carol%hotmail.com@msn.localhost")).getGroupNames()).isEmpty();
        assertThat(Stanzas.xml(server.sets().get(0))).contains("<query xmlns='jabber:iq:roster'><item xmlns='jabber:iq:roster'"
                + " jid='alice%hotmail.com@msn.localhost' name='Alice' subscription='both'><group>Friends</group></item></query>");
        assertThat(failures).isEmpty();
    }

    @Test
    void aReturningUserGetsOnlyWhatIsMissingOrRegrouped() {
        server.put(ROMEO_JID, item("alice%hotmail.com@msn.localhost", "Alice", "Friends"));
        server.put(ROMEO_JID, item("bob%hotmail.com@msn.localhost", "Bobby (newer name)", "Work"));
        server.put(ROMEO_JID, item("carol%hotmail.com@msn.localhost", "Carol", "Old group"));
        store.markSynced(ROMEO, "msn", "bob@hotmail.com");
        store.markSynced(ROMEO, "msn", "carol@hotmail.com");

        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice", "Friends"),
                contact("bob@hotmail.com", "Bob (stored nickname)", "Work"),
                contact("carol@hotmail.com", "Carol (stored nickname)", "New group"),
                contact("dave@hotmail.com", "Dave")));

        await().atMost(WAIT).until(() -> server.sets().size() == 2 && sync.outstanding(ROMEO) == 0);
        assertThat(server.sets()).extracting(set -> set.getRosterItems().get(0).getName())
                .as("carol regrouped under the name the roster has; dave added; bob's newer name kept")
                .containsExactlyInAnyOrder("Carol", "Dave");
        assertThat(server.roster(ROMEO_JID).get(jid("carol%hotmail.com@msn.localhost")).getGroupNames()).containsExactly("New group");
        assertThat(server.roster(ROMEO_JID).get(jid("bob%hotmail.com@msn.localhost")).getName()).isEqualTo("Bobby (newer name)");
        await().atMost(WAIT).untilAsserted(() -> assertThat(store.syncedContacts(ROMEO, "msn"))
                .as("alice was on the roster already: now remembered")
                .containsExactlyInAnyOrder("alice@hotmail.com", "bob@hotmail.com", "carol@hotmail.com", "dave@hotmail.com"));
    }

    @Test
    void contactsThatLeftWhileTheUserWasAwayAreRemovedIfWeHadSyncedThem() {
        server.put(ROMEO_JID, item("dave%hotmail.com@msn.localhost", "Dave"));
        server.put(ROMEO_JID, item("eve%hotmail.com@msn.localhost", "Eve"));
        server.put(ROMEO_JID, item("juliet@localhost", "Juliet"));
        store.markSynced(ROMEO, "msn", "dave@hotmail.com");

        sync.sync(ROMEO, List.of());

        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").isEmpty() && sync.outstanding(ROMEO) == 0);
        assertThat(server.sets()).hasSize(1);
        assertThat(server.sets().get(0).getRosterItems().get(0).getItemType()).isEqualTo(RosterPacket.ItemType.remove);
        assertThat(server.roster(ROMEO_JID)).containsOnlyKeys(jid("eve%hotmail.com@msn.localhost"), jid("juliet@localhost"));
    }

    @Test
    void aGroupChangeTheUserMadeInTheRosterIsSeenWhenTheySendPresenceAndMovesTheContact() {
        sync.sync(ROMEO, List.of(contact("bob@hotmail.com", "Bob", "Friends")));
        await().atMost(WAIT).until(() -> server.sets().size() == 1 && sync.outstanding(ROMEO) == 0);
        server.put(ROMEO_JID, item("bob%hotmail.com@msn.localhost", "Bob", "Work", "Family")); // the user's client

        sync.userPresent(ROMEO, () -> List.of(contact("bob@hotmail.com", "Bob", "Friends")));

        await().atMost(WAIT).until(() -> moves.contains(ROMEO + " bob@hotmail.com [Family, Work]"));
        assertThat(server.sets()).hasSize(1);
        sync.userPresent(ROMEO, () -> List.of(contact("bob@hotmail.com", "Bob", "Friends")));
        assertThat(server.gets()).as("at most one roster read per user every few seconds").hasSize(2);
    }

    @Test
    void aGroupChangeMadeOnTheLegacySideIsPushedWhenTheRosterStillHasTheOldGroups() {
        sync.sync(ROMEO, List.of(contact("bob@hotmail.com", "Bob", "Friends")));
        await().atMost(WAIT).until(() -> server.sets().size() == 1 && sync.outstanding(ROMEO) == 0);

        sync.userPresent(ROMEO, () -> List.of(contact("bob@hotmail.com", "Bob", "Family")));

        await().atMost(WAIT).until(() -> server.sets().size() == 2 && sync.outstanding(ROMEO) == 0);
        assertThat(server.roster(ROMEO_JID).get(jid("bob%hotmail.com@msn.localhost")).getGroupNames())
                .containsExactly("Family");
        assertThat(moves).isEmpty();
    }

    @Test
    void afterARestartTheLegacyGroupsWinOverARosterChangeTheTransportNeverSaw() {
        sync.sync(ROMEO, List.of(contact("bob@hotmail.com", "Bob", "Friends")));
        await().atMost(WAIT).until(() -> server.sets().size() == 1 && sync.outstanding(ROMEO) == 0);
        server.put(ROMEO_JID, item("bob%hotmail.com@msn.localhost", "Bob", "Work")); // the user, while we were down
        use(iqs, "both"); // a new transport: what it last put on the roster is gone with the old one

        sync.sync(ROMEO, List.of(contact("bob@hotmail.com", "Bob", "Friends")));
        await().atMost(WAIT).until(() -> server.sets().size() == 2 && sync.outstanding(ROMEO) == 0);
        sync.userPresent(ROMEO, () -> List.of(contact("bob@hotmail.com", "Bob", "Friends")));

        await().atMost(WAIT).until(() -> server.gets().size() == 3);
        assertThat(server.roster(ROMEO_JID).get(jid("bob%hotmail.com@msn.localhost")).getGroupNames())
                .containsExactly("Friends");
        assertThat(moves).isEmpty();
    }

    @Test
    void withoutReadAccessPresenceReadsNoRoster() {
        use(iqs, "set");
        sync.sync(ROMEO, List.of(contact("bob@hotmail.com", "Bob", "Friends")));
        await().atMost(WAIT).until(() -> server.sets().size() == 1 && sync.outstanding(ROMEO) == 0);

        sync.userPresent(ROMEO, () -> List.of(contact("bob@hotmail.com", "Bob", "Friends")));

        assertThat(server.gets()).isEmpty();
        assertThat(moves).isEmpty();
    }

    @Test
    void aRenamePushesTheItemAgain() {
        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice", "Friends")));
        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").size() == 1);

        sync.updated(ROMEO, contact("alice@hotmail.com", "Alice in Wonderland", "Friends"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(server.roster(ROMEO_JID).get(jid("alice%hotmail.com@msn.localhost")))
                .extracting(RosterPacket.Item::getName).isEqualTo("Alice in Wonderland"));
        assertThat(server.sets()).hasSize(2);
    }

    @Test
    void aRemovedContactLeavesTheRosterAndTheStore() {
        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice")));
        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").size() == 1);

        sync.removed(ROMEO, LegacyAddress.of("alice@hotmail.com"));

        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").isEmpty());
        assertThat(server.roster(ROMEO_JID)).isEmpty();
        assertThat(Stanzas.xml(server.sets().get(1))).contains("jid='alice%hotmail.com@msn.localhost' subscription='remove'");
    }

    @Test
    void removingAnItemThatIsGoneAlreadyIsNoFailure() {
        store.markSynced(ROMEO, "msn", "ghost@hotmail.com");

        sync.removed(ROMEO, LegacyAddress.of("ghost@hotmail.com"));

        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").isEmpty());
        assertThat(failures).isEmpty();
    }

    @Test
    void anErrorAnswerToASetReportsTheFailureOnceAndStopsPushing() {
        server.failSets(StanzaError.Condition.internal_server_error);
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(contact("c" + i + "@hotmail.com", "C" + i));
        }

        sync.sync(ROMEO, many);

        await().atMost(WAIT).until(() -> !failures.isEmpty() && sync.outstanding(ROMEO) == 0);
        assertThat(failures).hasSize(1).first().satisfies(f -> {
            assertThat(f.user()).isEqualTo(ROMEO);
            assertThat(f.cause()).isInstanceOfSatisfying(IqRequestException.class, e ->
                    assertThat(e.is(StanzaError.Condition.internal_server_error)).isTrue());
        });
        assertThat(server.sets()).hasSizeLessThanOrEqualTo(PrivilegedRosterSync.WINDOW);
        assertThat(store.syncedContacts(ROMEO, "msn")).isEmpty();
    }

    @Test
    void queuedRemovalsAreHandedOverOnFailure() {
        server.hold();
        server.failSets(StanzaError.Condition.forbidden);
        for (int i = 0; i < PrivilegedRosterSync.WINDOW; i++) {
            sync.updated(ROMEO, contact("c" + i + "@hotmail.com", "C" + i));
        }
        sync.removed(ROMEO, LegacyAddress.of("gone@hotmail.com"));

        server.release();

        await().atMost(WAIT).until(() -> !failures.isEmpty());
        assertThat(failures.get(0).removals()).containsExactly(LegacyAddress.of("gone@hotmail.com"));
    }

    @Test
    void noAnswerInTimeReportsAFailure() {
        server.silent();
        use(new IqRequests(server, scheduler, Duration.ofMillis(100)), "both");

        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice")));

        await().atMost(WAIT).until(() -> !failures.isEmpty());
        assertThat(failures.get(0).cause()).isInstanceOfSatisfying(IqRequestException.class, e ->
                assertThat(e.reason()).isEqualTo(IqRequestException.Reason.TIMEOUT));
        assertThat(server.sets()).as("the roster get went unanswered").isEmpty();
    }

    @Test
    void aFailedRosterGetReportsAFailure() {
        server.failGets(StanzaError.Condition.forbidden);

        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice")));

        await().atMost(WAIT).until(() -> !failures.isEmpty());
        assertThat(server.sets()).isEmpty();
    }

    @Test
    void withoutReadAccessEveryContactNotYetSyncedIsPushed() {
        use(iqs, "set");
        store.markSynced(ROMEO, "msn", "alice@hotmail.com");

        sync.sync(ROMEO, List.of(contact("alice@hotmail.com", "Alice"), contact("bob@hotmail.com", "Bob")));

        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").size() == 2);
        assertThat(server.gets()).isEmpty();
        assertThat(server.sets()).hasSize(1);
        assertThat(server.sets().get(0).getRosterItems().get(0).getName()).isEqualTo("Bob");
    }

    @Test
    void atMostAWindowOfSetsIsOutstandingAndNewerPushesReplaceQueuedOnes() {
        server.hold();
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(contact("c" + i + "@hotmail.com", "C" + i));
        }
        use(iqs, "set");
        sync.sync(ROMEO, many);
        assertThat(server.sets()).hasSize(PrivilegedRosterSync.WINDOW);
        sync.updated(ROMEO, contact("c19@hotmail.com", "C19 renamed"));

        server.release();

        await().atMost(WAIT).until(() -> store.syncedContacts(ROMEO, "msn").size() == 20 && sync.outstanding(ROMEO) == 0);
        assertThat(server.sets()).hasSize(20);
        assertThat(server.maxInFlight()).isLessThanOrEqualTo(PrivilegedRosterSync.WINDOW);
        assertThat(server.roster(ROMEO_JID).get(jid("c19%hotmail.com@msn.localhost")).getName()).isEqualTo("C19 renamed");
    }

    @Test
    void requestsCancelledByAReconnectDropTheQueueWithoutFailing() {
        server.hold();
        for (int i = 0; i < 12; i++) {
            sync.updated(ROMEO, contact("c" + i + "@hotmail.com", "C" + i));
        }

        iqs.cancelAll("stream re-established");

        await().atMost(WAIT).until(() -> sync.outstanding(ROMEO) == 0);
        assertThat(failures).isEmpty();
        assertThat(server.sets()).hasSize(PrivilegedRosterSync.WINDOW);
    }

    static Contact contact(String address, String name, String... groups) {
        return new Contact(LegacyAddress.of(address), name, Set.of(groups), Presence.UNAVAILABLE);
    }

    static RosterPacket.Item item(String jid, String name, String... groups) {
        RosterPacket.Item item = new RosterPacket.Item(jid(jid), name);
        item.setItemType(RosterPacket.ItemType.both);
        for (String g : groups) {
            item.addGroupName(g);
        }
        return item;
    }

    static BareJid jid(String jid) {
        return JidCreate.bareFromOrThrowUnchecked(jid);
    }
}
