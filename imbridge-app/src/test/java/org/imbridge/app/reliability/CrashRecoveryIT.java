package org.imbridge.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kill -9 mid-chat: a Jabber user and an MSN contact exchange numbered messages both ways while our
 * MSN network, Prosody or the packaged transport is killed with SIGKILL and started again. Every
 * message must end delivered exactly once or back at its sender as an error (an error stanza, or a
 * failed send on the MSN side); any other is lost, and the figures say how many. Afterwards the chat
 * works again both ways without the test touching anything but what it crashed.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES) // per test: the suite stays within CI's budget
class CrashRecoveryIT {

    /** Messages per direction per crash, one every {@link #PACE}: the crash falls in the middle. */
    private static final int COUNT = 40;
    private static final Duration PACE = Duration.ofMillis(200);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static PackagedBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        PackagedBridge.Options options = new PackagedBridge.Options();
        StringBuilder accounts = new StringBuilder("accounts:\n");
        for (String n : new String[] {"1", "2", "3"}) {
            accounts.append("  - {email: user").append(n).append("@hotmail.com, password: pw, contacts: [peer")
                    .append(n).append("@hotmail.com]}\n");
            accounts.append("  - {email: peer").append(n).append("@hotmail.com, password: pw, contacts: [user")
                    .append(n).append("@hotmail.com]}\n");
        }
        options.msnAccounts = accounts.toString();
        bridge = new PackagedBridge(options);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void killingOurMsnNetworkMidChatLosesNothingSilently() throws Exception {
        chatThroughACrash("msn-kill", "1", () -> {
            bridge.msn.kill9();
            bridge.startMsn();
        });
    }

    @Test
    void killingProsodyMidChatLosesNothingSilently() throws Exception {
        long streams = bridge.componentOnlineCount();
        JabberUser[] user = new JabberUser[1];
        chatThroughACrash("prosody-kill", "2", u -> user[0] = u, () -> {
            bridge.prosody.kill();
            bridge.prosody.start();
            // the user's client notices and logs in again, as any client does; the transport must come back by itself
            await().atMost(PackagedBridge.TIMEOUT).until(() -> !user[0].client.isConnected());
            user[0].reconnect();
        }, false);
        assertThat(bridge.componentOnlineCount()).as("the transport reconnected its component stream")
                .isGreaterThan(streams);
    }

    @Test
    void killingTheTransportMidChatBringsTheUserBackWithoutTheirClientDoingAnything() throws Exception {
        chatThroughACrash("transport-kill", "3", () -> {
            bridge.transport.kill9();
            bridge.startTransport();
        });
    }

    private interface Crash {
        void run() throws Exception;
    }

    private void chatThroughACrash(String tag, String n, Crash crash) throws Exception {
        chatThroughACrash(tag, n, u -> { }, crash, true);
    }

    /**
     * @param userLeavesMsn whether the crash takes the user off MSN (then the contact must see them come
     *                      back); a Prosody crash need not, the transport may keep the MSN session
     */
    private void chatThroughACrash(String tag, String n, java.util.function.Consumer<JabberUser> onUser, Crash crash,
                                   boolean userLeavesMsn) throws Exception {
        String userHandle = "user" + n + "@hotmail.com";
        String peerHandle = "peer" + n + "@hotmail.com";
        JabberUser user = bridge.onboard("jabber" + n, userHandle, "pw");
        onUser.accept(user);
        try (MsnContact peer = new MsnContact(bridge.msnDispatch, peerHandle, "pw")) {
            await("the user online on MSN").atMost(PackagedBridge.TIMEOUT).until(() -> peer.onlineSince(userHandle) >= 0);
            NumberedChat chat = new NumberedChat(tag, user, peer, userHandle, peerHandle);
            Thread toMsn = chat.jabberSends(COUNT, PACE);
            Thread toJabber = chat.msnSends(COUNT, PACE);
            await("the chat under way").atMost(PackagedBridge.TIMEOUT)
                    .until(() -> chat.deliveredToMsn(5) && chat.deliveredToJabber(5));

            long crashedAt = System.nanoTime();
            crash.run();
            long restartedAt = System.nanoTime();
            String userBack = "(stayed on MSN)";
            if (userLeavesMsn) {
                try {
                    await("the user back online on MSN, seen by the contact").atMost(PackagedBridge.TIMEOUT)
                            .until(() -> peer.onlineAgainAfter(userHandle, crashedAt) > 0);
                    userBack = (peer.onlineAgainAfter(userHandle, crashedAt) - crashedAt) / 1_000_000 + " ms";
                } catch (ConditionTimeoutException e) {
                    userBack = "NOT BACK within " + PackagedBridge.TIMEOUT.toSeconds() + " s";
                }
            }
            toMsn.join(Duration.ofSeconds(120).toMillis());
            toJabber.join(Duration.ofSeconds(120).toMillis());
            NumberedChat.Tally soFarToMsn = chat.toMsn();
            NumberedChat.Tally soFarToJabber = chat.toJabber();
            if (userBack.startsWith("NOT")) {
                SuiteFigures.record(tag, "crash+restart " + Duration.ofNanos(restartedAt - crashedAt).toMillis()
                        + " ms; user " + userBack + " without their client's help; " + soFarToMsn + "; " + soFarToJabber);
            }
            assertThat(userBack).as("the user is back online on MSN, their client untouched").doesNotStartWith("NOT");

            // after the crash, the chat works both ways again
            user.trySend(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(user.contact(peerHandle))
                    .setBody(tag + " after").build());
            await().atMost(PackagedBridge.TIMEOUT).until(() -> peer.texts.contains(tag + " after"));
            assertThat(peer.trySay(userHandle, tag + " reply")).isTrue();
            await().atMost(PackagedBridge.TIMEOUT).until(() -> user.bodiesEqualTo(tag + " reply") == 1);

            try {
                await().atMost(SETTLE).until(() -> chat.toMsn().settled() && chat.toJabber().settled());
            } catch (ConditionTimeoutException e) {
                // reported below with the numbers that never arrived
            }
            NumberedChat.Tally toMsnTally = chat.toMsn();
            NumberedChat.Tally toJabberTally = chat.toJabber();
            Duration working = chat.workingAgainAfter(crashedAt);
            SuiteFigures.record(tag, "crash+restart " + Duration.ofNanos(restartedAt - crashedAt).toMillis()
                    + " ms; user back on MSN after " + userBack + "; chat working both ways after "
                    + (working == null ? "(only the after-crash markers)" : working.toMillis() + " ms")
                    + "; " + toMsnTally + "; " + toJabberTally);

            assertThat(toMsnTally.sent()).isEqualTo(COUNT);
            assertThat(toJabberTally.sent()).isEqualTo(COUNT);
            assertThat(toMsnTally.duplicated() + toJabberTally.duplicated()).as("messages delivered twice").isZero();
            assertThat(toMsnTally.lostNumbers()).as("Jabber→MSN messages neither delivered nor bounced").isEmpty();
            assertThat(toJabberTally.lostNumbers()).as("MSN→Jabber messages acknowledged by MSN, never delivered")
                    .isEmpty();
        }
    }
}
