package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.imbridge.msn.client.DisconnectReason;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.it.ConversationEvents.Closed;
import org.imbridge.msnserver.it.ConversationEvents.Left;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.imbridge.msnserver.it.NotificationEvents.Disconnected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server ends sessions; the real client reports why. */
class DisconnectIntegrationTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";

    private LiveNetwork net;

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void aDroppedConnectionIsReportedAsConnectionLostAndEndsTheUsersSwitchboards() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        Chat chat = Chat.open(alice, bob);

        assertThat(net.server.disconnect(BOB)).isTrue();

        DisconnectReason reason = bob.events().next(Disconnected.class).reason();
        assertThat(reason).isEqualTo(DisconnectReason.CONNECTION_LOST);
        assertThat(reason.allowsReconnect()).isTrue();
        assertThat(bob.session().isConnected()).isFalse();
        chat.calleeEvents().next(Closed.class);
        assertThat(chat.callerEvents().next(Left.class)).isEqualTo(new Left(BOB, false));
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.NLN);
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.FLN);
        assertThat(net.server.isOnline(BOB)).isFalse();
        assertThat(alice.session().isConnected()).isTrue();

        User back = net.online(BOB);
        assertThat(back.session().isConnected()).isTrue();
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.NLN);
    }

    @Test
    void aSecondLoginOfTheSameAccountIsReportedAsLoggedInElsewhere() throws IOException {
        net = LiveNetwork.start();
        User first = net.online(ALICE);
        User bob = net.online(BOB);
        assertThat(bob.events().nextPresenceOf(ALICE).status()).isEqualTo(MsnStatus.NLN);
        MsnClient elsewhere = net.newClient(LiveNetwork.clientConfig().build());

        User second = net.login(elsewhere, ALICE);

        DisconnectReason reason = first.events().next(Disconnected.class).reason();
        assertThat(reason).isEqualTo(DisconnectReason.LOGGED_IN_ELSEWHERE);
        assertThat(reason.allowsReconnect()).as("reconnecting would kick the other one out").isFalse();
        assertThat(first.session().isConnected()).isFalse();
        assertThat(second.session().isConnected()).isTrue();
        assertThat(net.server.isOnline(ALICE)).isTrue();
        assertThat(bob.events().nextPresenceOf(ALICE).status()).as("the new session has not chosen a status yet")
                .isEqualTo(MsnStatus.FLN);

        await(second.session().changeStatus(MsnStatus.BSY));
        assertThat(bob.events().nextPresenceOf(ALICE).status()).isEqualTo(MsnStatus.BSY);
        assertThat(second.events().all(Disconnected.class)).isEmpty();
    }

    @Test
    void stoppingTheServerIsReportedAsServerShutdown() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        Chat chat = Chat.open(alice, bob);

        net.server.stop();

        for (User u : List.of(alice, bob)) {
            DisconnectReason reason = u.events().next(Disconnected.class).reason();
            assertThat(reason).as(u.handle()).isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
            assertThat(reason.allowsReconnect()).isTrue();
        }
        chat.callerEvents().next(Closed.class);
        chat.calleeEvents().next(Closed.class);
        eventually().untilAsserted(() -> assertThat(net.client.connectionCount()).isZero());
    }

    @Test
    void loggingOutIsReportedAsLoggedOut() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);

        await(alice.session().logout());

        assertThat(alice.events().next(Disconnected.class).reason()).isEqualTo(DisconnectReason.LOGGED_OUT);
        eventually().until(() -> !net.server.isOnline(ALICE));
    }

    /** PNG every 300 ms, each answered by QNG: the session stays up (an unanswered PNG would close it). */
    @Test
    void pingsAreAnsweredAndKeepTheSessionUp() throws IOException {
        net = LiveNetwork.start();
        MsnClient pinging = net.newClient(LiveNetwork.clientConfig().pingInterval(Duration.ofMillis(300)).build());
        User alice = net.login(pinging, ALICE);

        eventually().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(6))
                .until(() -> alice.session().isConnected() && net.server.isOnline(ALICE));
        assertThat(alice.events().all(Disconnected.class)).isEmpty();
    }

    /** The server's idle timeout removes a silent participant with {@code BYE handle 1}. */
    @Test
    void anIdleParticipantIsRemovedByTheServerWithAnIdleBye() throws IOException {
        net = LiveNetwork.start(b -> b.switchboardIdleTimeout(Duration.ofMillis(400)));
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        Chat chat = Chat.open(alice, bob);

        chat.callerEvents().next(Closed.class);
        chat.calleeEvents().next(Closed.class);

        List<Left> byes = List.of(chat.callerEvents().all(Left.class), chat.calleeEvents().all(Left.class)).stream()
                .flatMap(List::stream).toList();
        assertThat(byes).as("whoever was removed first is announced to the other as idle")
                .singleElement().satisfies(left -> assertThat(left.idleTimeout()).isTrue());
        eventually().until(() -> net.server.switchboardSessionCount() == 0);
        assertThat(alice.session().isConnected()).isTrue();
        assertThat(bob.session().isConnected()).isTrue();
    }
}
