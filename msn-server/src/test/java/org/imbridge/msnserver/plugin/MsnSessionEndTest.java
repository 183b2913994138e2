package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Disconnected;
import org.imbridge.msnserver.plugin.EventRecorder.Notice;
import org.imbridge.msnserver.plugin.EventRecorder.Online;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notices from the server, and every way a session ends. */
class MsnSessionEndTest {

    private static final String ALICE = "alice@hotmail.com";

    private BridgeNetwork net;
    private BridgedSession alice;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
        alice = net.alice();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void newMailIsANoticeWithSenderAndSubject() {
        assertThat(net.server.sendEmailNotification(ALICE, "Bob Smith", "bob@example.org", "Lunch?")).isTrue();

        assertThat(alice.events().await(Notice.class, n -> n.text().startsWith("New e-mail")).text())
                .isEqualTo("New e-mail from Bob Smith <bob@example.org>: Lunch?");
    }

    @Test
    void maintenanceIsANotice() {
        assertThat(net.server.sendSystemMessage(ALICE, 5)).isTrue();

        assertThat(alice.events().await(Notice.class, n -> n.text().contains("maintenance")).text())
                .isEqualTo("The MSN server goes down for maintenance in 5 minutes");
    }

    @Test
    void loggingInElsewhereEndsTheSessionForGood() {
        net.loggedInPeer(ALICE);

        assertThat(alice.events().await(Disconnected.class).reason()).isEqualTo(DisconnectReason.LOGGED_IN_ELSEWHERE);
        assertThat(DisconnectReason.LOGGED_IN_ELSEWHERE.shouldReconnect()).isFalse();
    }

    @Test
    void serverShutdownIsReported() {
        net.server.stop();

        assertThat(alice.events().await(Disconnected.class).reason()).isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
    }

    @Test
    void aChallengeFloodEndsTheSessionAsConnectionLostSoItIsLoggedInAgainAfterABackoff() {
        for (int i = 0; i < 100_000 && net.server.challengeNow(ALICE).isPresent(); i++) {
            // until the client, which keeps at most 4 answers waiting, closes its session
        }

        DisconnectReason reason = alice.events().await(Disconnected.class).reason();
        assertThat(reason).isEqualTo(DisconnectReason.CONNECTION_LOST);
        assertThat(reason.shouldReconnect()).isTrue();
        BridgedSession again = net.alice();
        assertThat(again.events().await(Online.class)).isNotNull();
    }

    @Test
    void aDroppedConnectionIsConnectionLostAndFailsSendsAsSessionDown() {
        assertThat(net.server.disconnect(ALICE)).isTrue();

        assertThat(alice.events().await(Disconnected.class).reason()).isEqualTo(DisconnectReason.CONNECTION_LOST);
        Throwable failure = MsnLoginTest.unwrap(catchThrowable(() -> alice.session()
                .sendMessage(LegacyAddress.of("bob@hotmail.com"), "still there?", false)
                .toCompletableFuture().get(10, TimeUnit.SECONDS)));
        assertThat(failure).isInstanceOfSatisfying(DeliveryFailure.class,
                f -> assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.SESSION_DOWN));
    }

    @Test
    void logoutIsNotReportedAndTheServerShowsTheUserOffline() {
        alice.session().logout();

        await().atMost(EventRecorder.TIMEOUT).until(() -> !net.server.isOnline(ALICE));
        await().atMost(EventRecorder.TIMEOUT).until(() -> net.network.client().connectionCount() == 0);
        assertThat(alice.events().all(Disconnected.class)).isEmpty();
        alice.session().logout();
    }

    @Test
    void logoutEndsOpenConversations() {
        Peer bob = net.peer("bob@hotmail.com");
        PeerConversation c = bob.open(ALICE);
        c.say("hi");
        alice.events().await(EventRecorder.Message.class);

        alice.session().logout();

        await().atMost(EventRecorder.TIMEOUT).until(c::isClosed);
        await().atMost(EventRecorder.TIMEOUT).until(() -> net.server.switchboardSessionCount() == 0);
    }
}
