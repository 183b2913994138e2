package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat through switchboards, both ways, against our MSN server and a plain client playing bob. */
class MsnMessagingTest {

    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");

    private BridgeNetwork net;
    private BridgedSession alice;
    private Peer bob;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
        alice = net.alice();
        bob = net.peer("bob@hotmail.com");
        alice.events().awaitPresence("bob@hotmail.com", Presence.AVAILABLE);
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void aMessageArrivesAtTheContactAsExactUtf8Text() {
        String text = "Hallo Bob, ça va? ☺ 日本語 𝄞\r\nsecond line";

        send(BOB, text);

        PeerConversation atBob = awaitConversation(bob, 1);
        assertThat(atBob.awaitTexts(1)).containsExactly(text);
    }

    @Test
    void fiveKilobytesArriveCompleteSplitInOrder() {
        String text = IntStream.range(0, 500).mapToObj(i -> String.format("%04d-ü-ok", i)).collect(Collectors.joining(" "));
        assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(5000);

        send(BOB, text);

        PeerConversation atBob = awaitConversation(bob, 1);
        await().atMost(EventRecorder.TIMEOUT).until(() -> String.join("", atBob.texts()).length() >= text.length());
        assertThat(atBob.texts()).hasSizeGreaterThan(3);
        assertThat(String.join("", atBob.texts())).isEqualTo(text);
    }

    @Test
    void aSecondMessageReusesTheSwitchboard() {
        send(BOB, "one");
        send(BOB, "two");

        PeerConversation atBob = awaitConversation(bob, 1);
        assertThat(atBob.awaitTexts(2)).containsExactly("one", "two");
        assertThat(bob.conversations()).hasSize(1);
        assertThat(net.server.switchboardSessionCount()).isEqualTo(1);
    }

    @Test
    void messagesSentBeforeTheContactJoinedArriveInOrder() throws Exception {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(alice.session().sendMessage(BOB, "message " + i, false).toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        List<String> expected = IntStream.range(0, 20).mapToObj(i -> "message " + i).toList();
        assertThat(awaitConversation(bob, 1).awaitTexts(20)).isEqualTo(expected);
        assertThat(bob.conversations()).hasSize(1);
    }

    @Test
    void aMessageToAnOfflineContactFailsAsRecipientUnavailable() {
        Throwable failure = MsnLoginTest.unwrap(catchThrowable(() -> alice.session()
                .sendMessage(LegacyAddress.of("erin@hotmail.com"), "anyone there?", true)
                .toCompletableFuture().get(10, TimeUnit.SECONDS)));

        assertThat(failure).isInstanceOfSatisfying(DeliveryFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE);
            assertThat(f.userText()).isEqualTo("erin@hotmail.com is offline; the message was not delivered");
        });
    }

    @Test
    void aMessageToSomethingThatIsNoMsnAccountFailsAtOnce() {
        Throwable failure = MsnLoginTest.unwrap(catchThrowable(() -> alice.session()
                .sendMessage(LegacyAddress.of("not-an-account"), "hi", false).toCompletableFuture().get(1, TimeUnit.SECONDS)));

        assertThat(failure).isInstanceOfSatisfying(DeliveryFailure.class,
                f -> assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE));
    }

    @Test
    void messagesFromTheContactArriveWithOneThreadPerSwitchboard() {
        PeerConversation first = bob.open("alice@hotmail.com");
        first.say("hi alice");
        first.say("are you there?");
        List<Message> got = alice.events().awaitCount(Message.class, 2);
        first.leave();
        PeerConversation second = bob.open("alice@hotmail.com");
        second.say("me again");

        List<Message> all = alice.events().awaitCount(Message.class, 3);
        assertThat(all).extracting(Message::from, Message::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BOB, "hi alice"),
                org.assertj.core.groups.Tuple.tuple(BOB, "are you there?"),
                org.assertj.core.groups.Tuple.tuple(BOB, "me again"));
        assertThat(got.get(0).threadId()).isNotBlank().isEqualTo(got.get(1).threadId());
        assertThat(all.get(2).threadId()).isNotEqualTo(got.get(0).threadId());
    }

    @Test
    void repliesGoToTheSwitchboardTheContactOpened() {
        PeerConversation opened = bob.open("alice@hotmail.com");
        opened.say("ping");
        alice.events().await(Message.class);

        send(BOB, "pong");

        assertThat(opened.awaitTexts(1)).containsExactly("pong");
        assertThat(bob.conversations()).hasSize(1);
    }

    @Test
    void whenTheContactLeavesTheNextMessageOpensANewSwitchboard() {
        send(BOB, "first");
        PeerConversation firstAtBob = awaitConversation(bob, 1);
        firstAtBob.awaitTexts(1);

        firstAtBob.leave();
        await().atMost(EventRecorder.TIMEOUT).until(() -> net.server.switchboardSessionCount() == 0);
        send(BOB, "second");

        PeerConversation secondAtBob = awaitConversation(bob, 2);
        assertThat(secondAtBob.awaitTexts(1)).containsExactly("second");
    }

    private void send(LegacyAddress to, String text) {
        Peer.join(alice.session().sendMessage(to, text, true));
    }

    /** The {@code n}-th conversation of {@code peer}, once it exists. */
    private static PeerConversation awaitConversation(Peer peer, int n) {
        return await().atMost(EventRecorder.TIMEOUT).until(peer::conversations, l -> l.size() >= n).get(n - 1);
    }
}
