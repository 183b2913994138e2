package org.imbridge.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.network.SessionListener;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionManagerTest {

    private static final String USER = "romeo@example.org";
    private static final String PASSWORD = "Secr3t-Passw0rd";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");

    private final ScriptedNetwork network = new ScriptedNetwork();
    private final RecordingOutput out = new RecordingOutput();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private RegistrationStore store;
    private SessionManager manager;

    @BeforeEach
    void setUp() {
        store = new MapRegistrationStore();
        store.save(Registration.of(USER, "test", "romeo@hotmail.com", PASSWORD));
        SessionPolicy fast = new SessionPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 3, Duration.ofMillis(300));
        manager = new SessionManager(network, store, out, pool, scheduler, fast);
    }

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }

    @Test
    void firstResourceLogsInWithTheCombinedPresenceAndLastLogsOut() throws Exception {
        assertThat(manager.resourcePresence(USER, "phone", presence(PresenceShow.AWAY), 0).toCompletableFuture().get()).isTrue();
        manager.resourcePresence(USER, "desk", presence(PresenceShow.DND), 5);
        await().until(() -> network.sessions.size() == 1);
        online(network.last());

        await().untilAsserted(() -> assertThat(network.last().calls).contains("presence DND"));
        assertThat(network.sessions).hasSize(1);

        manager.resourceGone(USER, "desk");
        await().until(() -> network.last().calls.contains("presence AWAY"));
        manager.resourceGone(USER, "phone");
        await().until(() -> network.last().loggedOut);
        assertThat(out.lastState).isEqualTo(LinkState.OFFLINE);
    }

    @Test
    void theUsersOnlineResourcesAreKnown() throws Exception {
        manager.resourcePresence(USER, "phone", Presence.AVAILABLE, 0).toCompletableFuture().get();
        manager.resourcePresence(USER, "desk", Presence.AVAILABLE, 0);
        await().until(() -> manager.user(USER).orElseThrow().resources().equals(java.util.Set.of("phone", "desk")));

        manager.resourceGone(USER, "phone");

        await().until(() -> manager.user(USER).orElseThrow().resources().equals(java.util.Set.of("desk")));
    }

    @Test
    void unregisteredUsersAreIgnored() throws Exception {
        assertThat(manager.resourcePresence("stranger@example.org", "r", Presence.AVAILABLE, 0)
                .toCompletableFuture().get()).isFalse();
        assertThat(network.sessions).isEmpty();
    }

    @Test
    void lostConnectionsAreRetriedAndQueuedMessagesSentInOrder() throws Exception {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        online(network.last());

        network.last().listener.onDisconnected(DisconnectReason.CONNECTION_LOST);
        await().until(() -> out.lastState == LinkState.WAITING_TO_RECONNECT || network.sessions.size() == 2);
        var first = manager.sendMessage(USER, BOB, "one", false).toCompletableFuture();
        var second = manager.sendMessage(USER, BOB, "two", false).toCompletableFuture();

        await().until(() -> network.sessions.size() == 2);
        assertThat(first).isNotDone();
        online(network.last());

        CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
        assertThat(network.last().calls).containsSubsequence("message bob@hotmail.com one", "message bob@hotmail.com two");
    }

    @Test
    void queuedMessagesThatWaitTooLongComeBackAsErrors() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        var pending = manager.sendMessage(USER, BOB, "hello", false).toCompletableFuture();

        assertFailure(pending, DeliveryFailure.Kind.TIMEOUT);
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        for (int i = 0; i < 3; i++) {
            manager.sendMessage(USER, BOB, "m" + i, false);
        }
        assertFailure(manager.sendMessage(USER, BOB, "overflow", false).toCompletableFuture(), DeliveryFailure.Kind.SESSION_DOWN);
    }

    @Test
    void listChangesAskedForWhileConnectingRunOnceOnline() throws Exception {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1 && manager.user(USER).isPresent());
        var added = manager.user(USER).orElseThrow().addContact(BOB, "Bob", null).toCompletableFuture();
        assertThat(added).isNotDone();

        online(network.last());

        added.get(5, TimeUnit.SECONDS);
        assertThat(network.last().calls).contains("add bob@hotmail.com");
    }

    @Test
    void loggedInElsewhereStopsWithoutRetrying() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        online(network.last());

        network.last().listener.onDisconnected(DisconnectReason.LOGGED_IN_ELSEWHERE);

        await().until(() -> out.lastState == LinkState.STOPPED);
        assertThat(out.lastText).contains("another location");
        assertFailure(manager.sendMessage(USER, BOB, "x", false).toCompletableFuture(), DeliveryFailure.Kind.SESSION_DOWN);
        assertThat(network.sessions).hasSize(1);
    }

    @Test
    void wrongPasswordStopsAndSaysSo() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.list = new java.util.concurrent.CopyOnWriteArrayList<>();
        logs.start();
        var userLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(BridgedUser.class);
        userLog.addAppender(logs);
        try {
            network.last().login.completeExceptionally(new LoginFailure(LoginFailure.Kind.BAD_CREDENTIALS, "911"));

            await().until(() -> out.lastState == LinkState.STOPPED);
            assertThat(out.lastText).contains("Wrong account or password");
            assertThat(network.sessions).hasSize(1);
            // the admin sees who and why, at WARN, and never the password
            await().until(() -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("refused the login")));
            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("refused the login")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                        assertThat(e.getFormattedMessage()).contains(USER).contains("romeo@hotmail.com").contains("911");
                    });
            assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(PASSWORD));
        } finally {
            userLog.detachAppender(logs);
        }
    }

    @Test
    void unreachableServersAreRetried() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        network.last().login.completeExceptionally(new LoginFailure(LoginFailure.Kind.UNREACHABLE, "refused"));
        await().atMost(Duration.ofSeconds(5)).until(() -> network.sessions.size() == 2);
        assertThat(out.events).contains("state WAITING_TO_RECONNECT");
    }

    @Test
    void contactsAreTrackedAndMarkedOfflineWhenTheLinkDrops() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        var session = network.last();
        online(session);
        session.listener.onContactList(List.of(new Contact(BOB, "Bob", Set.of("Friends"), Presence.UNAVAILABLE)));
        session.listener.onContactPresence(BOB, presence(PresenceShow.DND));
        await().until(() -> manager.user(USER).flatMap(u -> u.contact(BOB)).map(c -> c.presence().show())
                .orElse(null) == PresenceShow.DND);

        session.listener.onDisconnected(DisconnectReason.SERVER_SHUTDOWN);

        await().until(() -> out.events.contains("presence bob@hotmail.com UNAVAILABLE"));
        assertThat(manager.user(USER).orElseThrow().contact(BOB).orElseThrow().presence().isOnline()).isFalse();
    }

    @Test
    void eventsOfAReplacedSessionAreIgnored() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        var old = network.last();
        online(old);
        old.listener.onDisconnected(DisconnectReason.CONNECTION_LOST);
        await().until(() -> network.sessions.size() == 2);
        online(network.last());

        old.listener.onMessage(BOB, "ghost", "t");
        network.last().listener.onMessage(BOB, "real", "t");

        await().until(() -> out.events.contains("message bob@hotmail.com real"));
        assertThat(out.events).doesNotContain("message bob@hotmail.com ghost");
    }

    @Test
    void removeLogsOut() throws Exception {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        online(network.last());
        manager.remove(USER).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(network.last().loggedOut).isTrue();
        assertThat(manager.user(USER)).isEmpty();
    }

    @Test
    void groupConversationsAttentionAndUnsupportedContentReachTheOutputInOrder() throws Exception {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        online(network.last());
        SessionListener network = this.network.last().listener;
        LegacyAddress carol = LegacyAddress.of("carol@hotmail.com");

        network.onAttention(BOB);
        network.onUnsupportedContent(BOB, "a wink");
        network.onGroupChatStarted("g7", List.of(new Participant(BOB, "Bob"), new Participant(carol, null)));
        network.onGroupMessage("g7", carol, "hi all");
        network.onGroupParticipantLeft("g7", carol, false);
        network.onGroupChatEnded("g7", "everyone left");

        await().untilAsserted(() -> assertThat(out.events).containsSubsequence("attention bob@hotmail.com",
                "unsupported bob@hotmail.com a wink", "group g7 started [bob@hotmail.com, carol@hotmail.com]",
                "group g7 message carol@hotmail.com: hi all", "group g7 left carol@hotmail.com",
                "group g7 ended everyone left"));
    }

    @Test
    void groupOperationsGoToTheSessionWhenOnlineAndFailAtOnceOtherwise() throws Exception {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1 && manager.user(USER).isPresent());
        BridgedUser user = manager.user(USER).orElseThrow();
        assertFailure(user.sendGroupMessage("g1", "too early").toCompletableFuture(), DeliveryFailure.Kind.SESSION_DOWN);

        online(network.last());
        assertThat(user.openGroupChat(BOB).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("g1");
        user.sendGroupMessage("g1", "hello").toCompletableFuture().get(5, TimeUnit.SECONDS);
        user.sendAttention(BOB).toCompletableFuture().get(5, TimeUnit.SECONDS);
        user.leaveGroupChat("g1");

        await().untilAsserted(() -> assertThat(network.last().calls).containsSubsequence("open group bob@hotmail.com",
                "group message g1 hello", "attention bob@hotmail.com", "leave group g1"));
        assertThat(network.last().calls).doesNotContain("group message g1 too early");
    }

    private void online(ScriptedNetwork.ScriptedSession session) {
        session.login.complete(null);
        await().until(() -> out.lastState == LinkState.ONLINE);
    }

    private static Presence presence(PresenceShow show) {
        return Presence.of(show);
    }

    private static void assertFailure(CompletableFuture<?> future, DeliveryFailure.Kind kind) {
        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.kind()).isEqualTo(kind));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
