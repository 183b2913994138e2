package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;
import static org.imbridge.msnserver.it.LiveNetwork.failureOf;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpHashes;
import org.imbridge.msnserver.WireClient;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.imbridge.msnserver.it.NotificationEvents.Disconnected;
import org.imbridge.msnserver.notification.ChallengePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Error replies as the real client meets them at the real server: 217 on CAL, challenges, 540. */
class FailureIntegrationTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";
    private static final String CAROL = "carol@hotmail.com";
    private static final String ERIN = "erin@hotmail.com";

    private LiveNetwork net;

    @AfterEach
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void callingAnOfflineUserFailsWith217AndSoDoesTheTextQueuedForThem() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        SwitchboardSession sb = await(alice.session().openSwitchboard(new ConversationEvents()));

        CompletionStage<Void> queued = sb.sendText("are you there, Erin?", AckMode.A);
        Throwable failure = failureOf(sb.invite(ERIN));

        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(217);
        assertThat(failureOf(queued)).isInstanceOf(MsnErrorException.class)
                .extracting(e -> ((MsnErrorException) e).code()).isEqualTo(217);
        assertThat(sb.isOpen()).as("the switchboard itself is fine").isTrue();
    }

    @Test
    void callingSomeoneWhoAppearsOfflineAlsoFailsWith217() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        await(bob.session().changeStatus(MsnStatus.HDN));
        SwitchboardSession sb = await(alice.session().openSwitchboard(new ConversationEvents()));

        Throwable failure = failureOf(sb.invite(BOB));

        assertThat(((MsnErrorException) failure).code()).isEqualTo(217);
        assertThat(bob.events().all(NotificationEvents.Invited.class)).as("no RNG for bob").isEmpty();
    }

    @Test
    void callingSomeoneWhoBlocksYouFailsWith216AndTheyLookOffline() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.NLN);

        await(bob.session().removeContact(ListType.AL, ALICE, null));
        await(bob.session().addContact(ListType.BL, ALICE, "Alice Müller", null));

        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.FLN);
        assertThat(net.server.listOf(BOB, ListType.BL)).containsExactly(ALICE);
        SwitchboardSession sb = await(alice.session().openSwitchboard(new ConversationEvents()));
        Throwable failure = failureOf(sb.invite(BOB));
        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(216);
    }

    @Test
    void refusedRequestsFailWithTheServersCodeAndChangeNothing() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        long version = net.server.listVersion(ALICE);

        assertThat(codeOf(alice.session().changeStatus(MsnStatus.FLN))).as("CHG FLN").isEqualTo(201);
        assertThat(codeOf(alice.session().addContact(ListType.FL, "ghost@hotmail.com", null, null)))
                .as("no such account").isEqualTo(205);
        assertThat(codeOf(alice.session().addContact(ListType.FL, BOB, null, 1))).as("already in group 1").isEqualTo(215);
        assertThat(codeOf(alice.session().addContact(ListType.BL, BOB, null, null))).as("on AL").isEqualTo(219);
        assertThat(codeOf(alice.session().addContact(ListType.FL, "dave@hotmail.com", null, 29))).as("no group 29")
                .isEqualTo(224);
        assertThat(codeOf(alice.session().removeContact(ListType.AL, "dave@hotmail.com", null))).as("not on AL")
                .isEqualTo(216);

        assertThat(net.server.listVersion(ALICE)).isEqualTo(version);
        assertThat(alice.session().contactList().version()).isEqualTo(version);
        assertThat(alice.session().status()).isEqualTo(MsnStatus.NLN);
        assertThat(alice.session().isConnected()).isTrue();
    }

    private static int codeOf(CompletionStage<?> stage) {
        Throwable failure = failureOf(stage);
        assertThat(failure).isInstanceOf(MsnErrorException.class);
        return ((MsnErrorException) failure).code();
    }

    @Test
    void appearingOfflineOneCannotOpenASwitchboard913() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        await(alice.session().changeStatus(MsnStatus.HDN));

        Throwable failure = failureOf(alice.session().openSwitchboard(new ConversationEvents()));

        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(913);
        assertThat(net.server.switchboardSessionCount()).isZero();
    }

    /**
     * The client answers every challenge correctly: with challenges every few dozen milliseconds and
     * 300 ms to answer each, the session stays up (an unanswered or wrong one would close it).
     */
    @Test
    void serverChallengesAreAnsweredAndTheSessionStaysUp() throws IOException {
        net = LiveNetwork.start(b -> b.challenges(new ChallengePolicy(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(60), Duration.ofMillis(300))));
        User alice = net.online(ALICE);
        net.server.challengeNow(ALICE).orElseThrow();

        eventually().during(Duration.ofMillis(900)).atMost(Duration.ofSeconds(3))
                .until(() -> alice.session().isConnected() && net.server.isOnline(ALICE));

        await(alice.session().changeStatus(MsnStatus.AWY));
        assertThat(net.server.statusOf(ALICE)).isEqualTo(MsnStatus.AWY);
        assertThat(alice.events().all(Disconnected.class)).isEmpty();
    }

    /**
     * 540: the real client never answers wrongly, so a raw peer plays carol. Her wrong QRY gets 540
     * and the connection closes; alice's real client sees her go offline.
     */
    @Test
    void aWrongQryGets540AndTheOthersSeeTheUserGo() throws IOException {
        net = LiveNetwork.start();
        User alice = net.online(ALICE);
        try (WireClient carol = new WireClient(net.server.notificationAddress(), CAROL)) {
            carol.send("VER 1 MSNP7 CVR0").expect("VER 1 MSNP7 CVR0");
            carol.send("INF 2").expect("INF 2 MD5");
            carol.send("USR 3 MD5 I " + CAROL);
            String salt = carol.nextLine().substring("USR 3 MD5 S ".length());
            carol.send("USR 4 MD5 S " + MsnpHashes.loginResponse(salt, net.passwordOf(CAROL)));
            assertThat(carol.nextLine()).startsWith("USR 4 OK " + CAROL + " ");
            carol.send("CHG 5 NLN");
            carol.skipUntil("CHG 5 NLN");
            assertThat(alice.events().nextPresenceOf(CAROL).status()).isEqualTo(MsnStatus.NLN);
            assertThat(carol.send("PNG").skipUntil("QNG")).as("alice's presence, her name URL-encoded")
                    .containsExactly("ILN 5 NLN " + ALICE + " Alice%20M%C3%BCller");

            String challenge = net.server.challengeNow(CAROL).orElseThrow();
            assertThat(carol.nextLine()).isEqualTo("CHL 0 " + challenge);
            carol.sendPayload("QRY 6 " + MsnpHashes.CHALLENGE_CLIENT_ID, MsnpHashes.challengeResponse(challenge + "0"));

            carol.expect("540 6");
            carol.expectClosed();
        }
        assertThat(alice.events().nextPresenceOf(CAROL).status()).isEqualTo(MsnStatus.FLN);
        assertThat(net.server.isOnline(CAROL)).isFalse();
        assertThat(alice.session().isConnected()).isTrue();
    }
}
