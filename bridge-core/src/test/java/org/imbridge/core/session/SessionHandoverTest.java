package org.imbridge.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user's session moving between transport instances: claims, quiet hand-over, quiet take-over. */
class SessionHandoverTest {

    private static final String USER = "romeo@example.org";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");
    private static final LegacyAddress CAROL = LegacyAddress.of("carol@hotmail.com");

    private final ScriptedNetwork network = new ScriptedNetwork();
    private final RecordingOutput out = new RecordingOutput();
    private final ScriptedOwnership ownership = new ScriptedOwnership();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private RegistrationStore store;
    private SessionManager manager;

    @BeforeEach
    void setUp() {
        store = new MapRegistrationStore();
        store.save(Registration.of(USER, "test", "romeo@hotmail.com", "Secr3t-Passw0rd"));
        SessionPolicy fast = new SessionPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 3, Duration.ofSeconds(5));
        manager = new SessionManager(network, store, out, pool, scheduler, fast, ownership);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }

    @Test
    void aUserAnotherInstanceTookMomentsAgoIsNotLoggedInHere() throws Exception {
        ownership.nextClaim = Claim.heldElsewhere("other");

        assertThat(manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0).toCompletableFuture().get()).isTrue();

        await().until(() -> out.events.contains("elsewhere " + USER));
        assertThat(network.sessions).isEmpty();
        assertThat(out.events).noneMatch(e -> e.startsWith("state"));

        ownership.nextClaim = Claim.claimed(); // the grace is over: the next presence logs in
        manager.resourcePresence(USER, "r", Presence.of(PresenceShow.AWAY), 0);
        await().until(() -> network.sessions.size() == 1);
    }

    @Test
    void aTakeOverSaysNothingUntilOnlineAndThenWhoIsStillOfflineAMomentLater() {
        ownership.nextClaim = Claim.takenOver("dead-one");
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        var session = network.last();

        session.listener.onContactList(List.of(contact(BOB, Presence.UNAVAILABLE), contact(CAROL, Presence.UNAVAILABLE)));
        session.login.complete(null);
        session.listener.onContactPresence(BOB, Presence.AVAILABLE); // presences come after the login

        await().atMost(BridgedUser.TAKEOVER_SETTLE.plusSeconds(5)).until(() ->
                out.events.contains("presence " + CAROL + " UNAVAILABLE"));
        assertThat(out.events).doesNotContain("state CONNECTING").contains("state ONLINE")
                .doesNotContain("presence " + BOB + " UNAVAILABLE");
    }

    @Test
    void anOrdinaryLoginDoesNotRepeatOfflineContacts() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        network.last().login.complete(null);
        network.last().listener.onContactList(List.of(contact(CAROL, Presence.UNAVAILABLE)));

        await().until(() -> out.events.contains("contacts 1"));
        assertThat(out.events).contains("state CONNECTING").doesNotContain("presence " + CAROL + " UNAVAILABLE");
        assertThat(ownership.calls).containsExactly("claim " + USER);
    }

    @Test
    void aHandedOverSessionGoesQuietlyButStillDeliversItsConversationsUntilItCloses() {
        BridgedUser user = online();
        var session = network.last();
        int before = out.events.size();

        user.handOver(Duration.ofMillis(300));
        await().until(() -> user.state() == LinkState.OFFLINE);
        session.listener.onMessage(BOB, "still here?", null);
        session.listener.onContactPresence(BOB, Presence.UNAVAILABLE);

        await().until(() -> out.events.contains("message " + BOB + " still here?"));
        await().until(() -> session.loggedOut);
        assertThat(out.events.subList(before, out.events.size())).containsExactly("message " + BOB + " still here?");
        assertThat(ownership.calls).doesNotContain("release " + USER);
    }

    @Test
    void theOwnerTellingThisInstanceItLostTheUserHandsOver() {
        online();
        var session = network.last();

        ownership.listener.lost(USER, "test", "other");

        await().until(() -> manager.user(USER).orElseThrow().state() == LinkState.OFFLINE);
        assertThat(out.events).doesNotContain("state OFFLINE", "state STOPPED");
        assertThat(session.loggedOut).isFalse(); // still lingering for its conversations
    }

    @Test
    void loggedOutBecauseAnotherInstanceLoggedInIsQuiet() {
        online();
        ownership.ownedElsewhere = true;

        network.last().listener.onDisconnected(DisconnectReason.LOGGED_IN_ELSEWHERE);

        await().until(() -> manager.user(USER).orElseThrow().state() == LinkState.OFFLINE);
        assertThat(out.events).doesNotContain("state STOPPED", "state OFFLINE", "presence " + BOB + " UNAVAILABLE");
    }

    @Test
    void loggedOutByAnotherClientIsSaidAndTheClaimReleased() {
        online();

        network.last().listener.onDisconnected(DisconnectReason.LOGGED_IN_ELSEWHERE);

        await().until(() -> out.events.contains("state STOPPED"));
        assertThat(out.events).contains("presence " + BOB + " UNAVAILABLE");
        await().until(() -> ownership.calls.contains("release " + USER));
    }

    @Test
    void goingOfflineReleasesTheClaimAndMessagesWaitingForAHandedOverLoginComeBack() throws Exception {
        BridgedUser user = online();
        manager.resourceGone(USER, "r");
        await().until(() -> ownership.calls.contains("release " + USER));

        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 2);
        var waiting = manager.sendMessage(USER, BOB, "hi", false).toCompletableFuture();
        user.handOver(Duration.ZERO);

        await().until(waiting::isDone);
        try {
            waiting.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(DeliveryFailure.class,
                    f -> assertThat(f.userText()).contains("moved to another transport instance"));
            return;
        }
        throw new AssertionError("the waiting message was not returned");
    }

    private BridgedUser online() {
        manager.resourcePresence(USER, "r", Presence.AVAILABLE, 0);
        await().until(() -> network.sessions.size() == 1);
        network.last().login.complete(null);
        network.last().listener.onContactList(List.of(contact(BOB, Presence.AVAILABLE)));
        await().until(() -> out.events.contains("contacts 1"));
        return manager.user(USER).orElseThrow();
    }

    private static Contact contact(LegacyAddress address, Presence presence) {
        return new Contact(address, address.value(), java.util.Set.of(), presence);
    }
}
