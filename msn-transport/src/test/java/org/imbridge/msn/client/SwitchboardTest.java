package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpLimits;
import org.junit.jupiter.api.Test;

/** Outgoing switchboards: open, invite, queue, send with ACK modes, typing, leaving (docs/msnp.md §7, §16.3 (d), (f)). */
class SwitchboardTest extends SwitchboardTestSupport {

    @Test
    void outgoingChatFollowsTheReferenceAndFlushesQueuedTextOnJoin() throws Exception {
        OpenSwitchboard open = openSwitchboard();
        SwitchboardSession sb = open.sb();
        assertThat(sb.isOpen()).isTrue();
        assertThat(open.li().session().status()).isEqualTo(MsnStatus.NLN);

        CompletionStage<Void> hi = sb.sendText("Hi Bob!", AckMode.A);
        CompletionStage<Void> invited = sb.invite("bob@hotmail.com");
        open.peer().expectLine("CAL 2 bob@hotmail.com");
        open.peer().send("CAL 2 RINGING 11752013");
        open.peer().expectNothingFor(Duration.ofMillis(150));
        assertThat(hi).isNotDone();

        open.peer().send("JOI bob@hotmail.com Bob");
        await(invited);
        assertThat(sbEvents.await(RecordingListener.Joined.class))
                .isEqualTo(new RecordingListener.Joined("bob@hotmail.com", "Bob"));
        MsnpCommand msg = open.peer().expectLine("MSG 3 A 120");
        assertThat(payload(msg)).isEqualTo(HI_BOB);
        assertThat(hi).isNotDone();
        open.peer().send("ACK 3");
        await(hi);
        assertThat(sb.sessionId()).isEqualTo("11752013");
        assertThat(sb.participants()).containsExactly(Map.entry("bob@hotmail.com", "Bob"));

        open.peer().sendPayload("MSG bob@hotmail.com Bob", BOB_REPLY);
        RecordingListener.Message received = sbEvents.await(RecordingListener.Message.class);
        assertThat(received.handle()).isEqualTo("bob@hotmail.com");
        assertThat(received.message().bodyText()).isEqualTo("Hallo Alice, ça va? ☺");
        assertThat(received.message().header("X-MMS-IM-Format")).contains("EF=B");

        CompletionStage<Void> closed = sb.close();
        open.peer().expectLine("OUT");
        await(closed);
        open.peer().awaitClosed();
        sbEvents.await(RecordingListener.Closed.class);
        assertThat(sb.isOpen()).isFalse();
        assertThat(failureOf(sb.sendText("too late", AckMode.U))).isInstanceOf(MsnConnectionClosedException.class);
        assertThat(open.li().session().isConnected()).as("the notification session carries on").isTrue();
    }

    @Test
    void nakFailsAModeAMessage() throws Exception {
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("anyone?", AckMode.A);
        open.peer().send("NAK " + open.peer().expect("MSG").trId());

        Throwable failure = failureOf(sent);
        assertThat(failure).isInstanceOf(MsnDeliveryException.class);
        assertThat(((MsnDeliveryException) failure).trId()).isEqualTo(3);
    }

    @Test
    void missingAckFailsAfterTheConfiguredTimeout() throws Exception {
        client(testConfig().ackTimeout(Duration.ofMillis(200)).build());
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("hello?", AckMode.A);
        open.peer().expect("MSG");

        assertThat(failureOf(sent)).isInstanceOf(MsnTimeoutException.class).hasMessageContaining("no ACK");
        assertThat(open.sb().isOpen()).isTrue();
    }

    @Test
    void modeNCompletesWhenWrittenAndReportsALaterNak() throws Exception {
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("fire and forget", AckMode.N);
        MsnpCommand msg = open.peer().expect("MSG");
        assertThat(msg.param(1)).isEqualTo("N");
        await(sent);

        open.peer().send("NAK " + msg.trId());
        assertThat(sbEvents.await(RecordingListener.DeliveryFailed.class).message().bodyText()).isEqualTo("fire and forget");
    }

    @Test
    void modeUNeedsNoAnswer() throws Exception {
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("quick", AckMode.U);
        assertThat(open.peer().expect("MSG").param(1)).isEqualTo("U");
        await(sent);
    }

    @Test
    void utf8TextIsSentAsExactBytes() throws Exception {
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("Hallo Alice, ça va? ☺", AckMode.U);

        MsnpCommand msg = open.peer().expectLine("MSG 3 U 137");
        byte[] expected = (HI_BOB.substring(0, HI_BOB.length() - "Hi Bob!".length()) + "Hallo Alice, ça va? ☺")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(msg.payload()).isEqualTo(expected);
        await(sent);
    }

    @Test
    void longTextIsSplitIntoMessagesThatFitAndNothingIsLost() throws Exception {
        OpenSwitchboard open = withBob();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 5000; i++) {
            text.append("Zeile ").append(i).append(": grüße ☺ \uD83D\uDE00\n");
        }
        CompletionStage<Void> sent = open.sb().sendText(text.toString(), AckMode.A);

        StringBuilder received = new StringBuilder();
        int parts = 0;
        while (received.length() < text.length()) {
            MsnpCommand msg = open.peer().expect("MSG");
            assertThat(msg.payloadLength()).isLessThanOrEqualTo(MsnpLimits.SWITCHBOARD_MAX_PAYLOAD);
            received.append(MimeMessage.parse(msg.payload()).bodyText());
            parts++;
            if (received.length() < text.length()) {
                assertThat(sent).isNotDone();
            }
            open.peer().send("ACK " + msg.trId());
        }
        assertThat(parts).isGreaterThan(1);
        assertThat(received.toString()).isEqualTo(text.toString());
        await(sent);
    }

    @Test
    void failedInvitationFailsTheQueuedText() throws Exception {
        OpenSwitchboard open = openSwitchboard();
        CompletionStage<Void> queued = open.sb().sendText("are you there?", AckMode.A);
        CompletionStage<Void> invited = open.sb().invite("offline@hotmail.com");
        open.peer().send("217 " + open.peer().expectLine("CAL 2 offline@hotmail.com").trId());

        assertError(invited, 217);
        assertError(queued, 217);
        open.peer().expectNothingFor(Duration.ofMillis(100));
    }

    @Test
    void inviteeWhoNeverJoinsTimesOut() throws Exception {
        client(testConfig().inviteTimeout(Duration.ofMillis(200)).build());
        OpenSwitchboard open = openSwitchboard();
        CompletionStage<Void> queued = open.sb().sendText("hello", AckMode.N);
        CompletionStage<Void> invited = open.sb().invite("bob@hotmail.com");
        open.peer().expect("CAL");
        open.peer().send("CAL 2 RINGING 11752013");

        assertThat(failureOf(invited)).isInstanceOf(MsnTimeoutException.class);
        assertThat(failureOf(queued)).isInstanceOf(MsnTimeoutException.class);
    }

    @Test
    void queueIsCapped() throws Exception {
        client(testConfig().maxQueuedMessages(2).build());
        OpenSwitchboard open = openSwitchboard();
        open.sb().sendText("one", AckMode.U);
        open.sb().sendText("two", AckMode.U);

        assertThat(failureOf(open.sb().sendText("three", AckMode.U))).isInstanceOf(MsnLimitException.class);
    }

    @Test
    void typingIsSentWithAckUAndReceived() throws Exception {
        OpenSwitchboard open = withBob();
        await(open.sb().sendTyping());
        MsnpCommand typing = open.peer().expectLine("MSG 3 U 90");
        assertThat(payload(typing)).isEqualTo(ALICE_TYPING);

        open.peer().sendPayload("MSG bob@hotmail.com Bob", BOB_TYPING);
        assertThat(sbEvents.await(RecordingListener.Typing.class).handle()).isEqualTo("bob@hotmail.com");
    }

    @Test
    void typingWithNobodyPresentIsDropped() throws Exception {
        OpenSwitchboard open = openSwitchboard();
        await(open.sb().sendTyping());
        open.peer().expectNothingFor(Duration.ofMillis(100));
    }

    @Test
    void clientCapsAndUnknownContentTypesAreIgnored() throws Exception {
        OpenSwitchboard open = withBob();
        open.peer().sendPayload("MSG bob@hotmail.com Bob", CLIENT_CAPS);
        open.peer().sendPayload("MSG bob@hotmail.com Bob", "MIME-Version: 1.0\r\nContent-Type: application/x-unknown\r\n\r\n?");
        open.peer().sendPayload("MSG bob@hotmail.com Bob", HI_BOB);

        assertThat(sbEvents.await(RecordingListener.Message.class).message().bodyText()).isEqualTo("Hi Bob!");
        assertThat(sbEvents.all()).isEmpty();
    }

    @Test
    void lastParticipantLeavingClosesTheSwitchboard() throws Exception {
        OpenSwitchboard open = withBob();
        open.peer().send("BYE bob@hotmail.com 1");

        assertThat(sbEvents.await(RecordingListener.Left.class))
                .isEqualTo(new RecordingListener.Left("bob@hotmail.com", true));
        open.peer().expectLine("OUT");
        sbEvents.await(RecordingListener.Closed.class);
        assertThat(open.sb().participants()).isEmpty();
    }

    @Test
    void idleSwitchboardIsClosed() throws Exception {
        client(testConfig().switchboardIdleTimeout(Duration.ofMillis(500)).build());
        OpenSwitchboard open = withBob();

        open.peer().expectLine("OUT");
        sbEvents.await(RecordingListener.Closed.class);
        open.peer().awaitClosed();
    }

    @Test
    void noStatusChangeWhenAlreadyVisible() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<Void> busy = li.session().changeStatus(MsnStatus.BSY);
        li.ns().send("CHG " + li.ns().expectLine("CHG 6 BSY").trId() + " BSY");
        await(busy);

        CompletionStage<SwitchboardSession> open = li.session().openSwitchboard(sbEvents);
        li.ns().send("913 " + li.ns().expectLine("XFR 7 SB").trId());
        assertError(open, 913);
    }

    @Test
    void refusedCookieFailsTheOpening() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<SwitchboardSession> open = li.session().openSwitchboard(sbEvents);
        li.ns().expectLine("CHG 6 NLN");
        li.ns().send("CHG 6 NLN");
        li.ns().send("XFR " + li.ns().expect("XFR").trId() + " SB " + switchboard.hostPort() + " CKI badcookie");
        FakePeer peer = switchboard.accept();
        peer.send("911 " + peer.expect("USR").trId());

        assertError(open, 911);
        peer.awaitClosed();
        assertThat(sbEvents.all()).as("a switchboard that never opened reports nothing").isEmpty();
    }

    @Test
    void endOfTheNotificationSessionClosesItsSwitchboards() throws Exception {
        OpenSwitchboard open = openSwitchboard();
        CompletionStage<Void> queued = open.sb().sendText("pending", AckMode.A);
        open.li().ns().send("OUT SSD");

        open.peer().expectLine("OUT");
        sbEvents.await(RecordingListener.Closed.class);
        assertThat(failureOf(queued)).isInstanceOf(MsnConnectionClosedException.class);
    }

    @Test
    void invalidArgumentsAreRejected() throws Exception {
        OpenSwitchboard open = withBob();
        assertThatThrownBy(() -> open.sb().invite("no handle")).isInstanceOf(IllegalArgumentException.class);
        MimeMessage huge = MimeMessage.text("x".repeat(2000));
        assertThatThrownBy(() -> open.sb().sendMessage(huge, AckMode.U)).isInstanceOf(IllegalArgumentException.class);
        assertThat(open.sb().invite("BOB@hotmail.com").toCompletableFuture()).as("already present").isCompleted();
    }
}
