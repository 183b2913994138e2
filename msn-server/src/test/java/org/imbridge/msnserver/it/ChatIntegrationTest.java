package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;
import static org.imbridge.msnserver.it.LiveNetwork.failureOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnConnectionClosedException;
import org.imbridge.msn.client.MsnDeliveryException;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnpLimits;
import org.imbridge.msnserver.it.ConversationEvents.Closed;
import org.imbridge.msnserver.it.ConversationEvents.DeliveryFailed;
import org.imbridge.msnserver.it.ConversationEvents.Joined;
import org.imbridge.msnserver.it.ConversationEvents.Left;
import org.imbridge.msnserver.it.ConversationEvents.Message;
import org.imbridge.msnserver.it.ConversationEvents.Typing;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two real clients chat through the real switchboard server. */
class ChatIntegrationTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";

    private LiveNetwork net;
    private User alice;
    private User bob;

    @BeforeEach
    void start() throws IOException {
        net = LiveNetwork.start();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    private void bothOnline() {
        alice = net.online(ALICE);
        bob = net.online(BOB);
    }

    @Test
    void aliceInvitesBobAndTheyChatBothWaysInUtf8() {
        bothOnline();
        Chat chat = Chat.open(alice, bob);

        String sessionId = chat.caller().sessionId();
        assertThat(sessionId).isNotBlank();
        assertThat(chat.invitation().inviter()).isEqualTo(ALICE);
        assertThat(chat.invitation().inviterFriendlyName()).isEqualTo("Alice Müller");
        assertThat(chat.invitation().sessionId()).isEqualTo(sessionId);
        assertThat(chat.invitation().address()).isEqualTo(net.server.switchboardAddress());
        assertThat(chat.callee().sessionId()).isEqualTo(sessionId);
        assertThat(chat.caller().participants()).isEqualTo(Map.of(BOB, "Боб Иванов"));
        assertThat(chat.callee().participants()).as("from IRO").isEqualTo(Map.of(ALICE, "Alice Müller"));
        assertThat(chat.callerEvents().next(Joined.class)).isEqualTo(new Joined(BOB, "Боб Иванов"));
        assertThat(net.server.switchboardParticipants(sessionId)).containsExactly(ALICE, BOB);

        String hello = "Crème brûlée, señor! Ça va? Привет, как дела? 你好，世界！こんにちは ☺ 😀";
        await(chat.caller().sendText(hello, AckMode.A));
        Message atBob = chat.calleeEvents().nextMessageFrom(ALICE);
        assertThat(atBob.text()).isEqualTo(hello);
        assertThat(atBob.friendlyName()).isEqualTo("Alice Müller");
        assertThat(atBob.message().charset()).isEqualToIgnoringCase("UTF-8");

        String reply = "Спасибо, très bien! 谢谢 🙂\r\nSecond line, 第二行";
        await(chat.callee().sendText(reply, AckMode.N));
        Message atAlice = chat.callerEvents().nextMessageFrom(BOB);
        assertThat(atAlice.text()).isEqualTo(reply);
        assertThat(atAlice.friendlyName()).isEqualTo("Боб Иванов");

        await(chat.callee().sendText("unacknowledged", AckMode.U));
        assertThat(chat.callerEvents().nextMessageFrom(BOB).text()).isEqualTo("unacknowledged");
        await(chat.callee().sendText("acknowledged", AckMode.A));
        assertThat(chat.callerEvents().nextMessageFrom(BOB).text()).isEqualTo("acknowledged");
        assertThat(chat.callerEvents().all(Message.class)).as("no echo, no duplicates").isEmpty();
        assertThat(chat.calleeEvents().all(Message.class)).isEmpty();
    }

    @Test
    void bobOpensTheSwitchboardAndAliceAcceptsTheIncomingInvitation() {
        bothOnline();
        Chat chat = Chat.open(bob, alice);

        assertThat(chat.invitation().inviter()).isEqualTo(BOB);
        assertThat(chat.invitation().inviterFriendlyName()).isEqualTo("Боб Иванов");
        assertThat(chat.callee().participants()).isEqualTo(Map.of(BOB, "Боб Иванов"));

        await(chat.caller().sendText("Алиса, привет!", AckMode.A));
        assertThat(chat.calleeEvents().nextMessageFrom(BOB).text()).isEqualTo("Алиса, привет!");
        await(chat.callee().sendText("Hallo Bob, ça va? ☺", AckMode.A));
        assertThat(chat.callerEvents().nextMessageFrom(ALICE).text()).isEqualTo("Hallo Bob, ça va? ☺");
    }

    @Test
    void aLongTextIsSplitAndArrivesCompleteAndInOrder() {
        bothOnline();
        Chat chat = Chat.open(alice, bob);
        StringBuilder text = new StringBuilder();
        for (int line = 1; text.toString().getBytes(StandardCharsets.UTF_8).length < 5 * 1024; line++) {
            text.append("Line ").append(line).append(": élan, Ёлка, 長い文章 🎉\r\n");
        }
        String longText = text.toString();

        await(chat.caller().sendText(longText, AckMode.A));

        StringBuilder received = new StringBuilder();
        int parts = 0;
        while (received.length() < longText.length()) {
            Message part = chat.calleeEvents().nextMessageFrom(ALICE);
            assertThat(part.message().toBytes().length).isLessThanOrEqualTo(MsnpLimits.SWITCHBOARD_MAX_PAYLOAD);
            received.append(part.text());
            parts++;
        }
        assertThat(received.toString()).isEqualTo(longText);
        assertThat(parts).isGreaterThanOrEqualTo(4);
        assertThat(chat.calleeEvents().all(Message.class)).isEmpty();
    }

    @Test
    void textSentBeforeBobJoinsIsQueuedAndDeliveredInOrderOnceHeJoins() {
        bothOnline();
        ConversationEvents aliceEvents = new ConversationEvents();
        ConversationEvents bobEvents = new ConversationEvents();
        bob.events().acceptInvitations(() -> bobEvents);
        SwitchboardSession sb = await(alice.session().openSwitchboard(aliceEvents));

        List<CompletionStage<Void>> sent = List.of(sb.sendText("one", AckMode.A), sb.sendText("два", AckMode.A),
                sb.sendText("三", AckMode.N));
        await(sb.invite(BOB));

        sent.forEach(LiveNetwork::await);
        assertThat(List.of(bobEvents.nextMessageFrom(ALICE).text(), bobEvents.nextMessageFrom(ALICE).text(),
                bobEvents.nextMessageFrom(ALICE).text())).containsExactly("one", "два", "三");
    }

    @Test
    void aMessageOfExactlyTheSwitchboardLimitIsRelayed() {
        bothOnline();
        Chat chat = Chat.open(alice, bob);
        int headers = MimeMessage.text("").toBytes().length;
        String body = "é".repeat((MsnpLimits.SWITCHBOARD_MAX_PAYLOAD - headers) / 2)
                + "x".repeat((MsnpLimits.SWITCHBOARD_MAX_PAYLOAD - headers) % 2);
        MimeMessage largest = MimeMessage.text(body);
        assertThat(largest.toBytes()).hasSize(MsnpLimits.SWITCHBOARD_MAX_PAYLOAD);

        await(chat.caller().sendMessage(largest, AckMode.A));

        assertThat(chat.calleeEvents().nextMessageFrom(ALICE).text()).isEqualTo(body);
    }

    @Test
    void typingNoticesTravelBothWays() {
        bothOnline();
        Chat chat = Chat.open(alice, bob);

        await(chat.caller().sendTyping());
        assertThat(chat.calleeEvents().next(Typing.class)).isEqualTo(new Typing(ALICE));
        await(chat.callee().sendTyping());
        assertThat(chat.callerEvents().next(Typing.class)).isEqualTo(new Typing(BOB));
        assertThat(chat.callerEvents().all(Message.class)).as("typing is not chat text").isEmpty();
    }

    @Test
    void whenBobLeavesAliceSeesByeAndHerSwitchboardCloses() {
        bothOnline();
        Chat chat = Chat.open(alice, bob);
        String sessionId = chat.caller().sessionId();

        await(chat.callee().close());

        assertThat(chat.callerEvents().next(Left.class)).isEqualTo(new Left(BOB, false));
        chat.callerEvents().next(Closed.class);
        chat.calleeEvents().next(Closed.class);
        assertThat(chat.caller().isOpen()).isFalse();
        eventually().until(() -> net.server.switchboardSessionCount() == 0);
        assertThat(net.server.switchboardParticipants(sessionId)).isEmpty();
        assertThat(failureOf(chat.caller().sendText("still there?", AckMode.A)))
                .isInstanceOf(MsnConnectionClosedException.class);
        assertThat(alice.session().isConnected()).as("the notification session carries on").isTrue();

        Chat again = Chat.open(alice, bob);
        assertThat(again.caller().sessionId()).isNotEqualTo(sessionId);
        await(again.caller().sendText("hello again", AckMode.A));
        assertThat(again.calleeEvents().nextMessageFrom(ALICE).text()).isEqualTo("hello again");
    }

    /**
     * NAK: alice's message reaches the switchboard after bob has left but before alice has read his
     * BYE. To make that race certain, alice runs on her own client with one I/O thread, which her
     * listener holds while bob leaves; alice's MSG is written as soon as the thread is free, ahead of
     * reading the BYE waiting for it. Mode A fails with {@link MsnDeliveryException}; mode N completed
     * when written and reports the NAK to the listener.
     */
    @ParameterizedTest
    @EnumSource(value = AckMode.class, names = {"A", "N"})
    void aMessageThatFindsNobodyElseInTheSwitchboardIsNakked(AckMode mode) throws Exception {
        MsnClient aliceClient = net.newClient(LiveNetwork.clientConfig().ioProcessors(1).build());
        alice = net.online(aliceClient, ALICE);
        bob = net.online(BOB);
        CompletableFuture<Void> holding = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        ConversationEvents aliceEvents = new ConversationEvents() {
            @Override
            public void onMessage(String handle, String friendlyName, MimeMessage message) {
                super.onMessage(handle, friendlyName, message);
                if (message.bodyText().equals("hold on")) {
                    holding.complete(null);
                    awaitQuietly(release);
                }
            }
        };
        Chat chat = Chat.open(alice, aliceEvents, bob);
        String sessionId = chat.caller().sessionId();

        await(chat.callee().sendText("hold on", AckMode.U));
        await(holding);
        await(chat.callee().close());
        eventually().until(() -> net.server.switchboardParticipants(sessionId).equals(List.of(ALICE)));
        assertThat(chat.caller().participants()).as("alice has not read the BYE yet").containsKey(BOB);
        CompletionStage<Void> lost = chat.caller().sendText("anyone there?", mode);
        release.countDown();

        if (mode == AckMode.A) {
            assertThat(failureOf(lost)).isInstanceOf(MsnDeliveryException.class);
        } else {
            await(lost);
            assertThat(aliceEvents.next(DeliveryFailed.class).message().bodyText()).isEqualTo("anyone there?");
        }
        assertThat(aliceEvents.next(Left.class)).isEqualTo(new Left(BOB, false));
        aliceEvents.next(Closed.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(LiveNetwork.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
