package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Event;
import org.imbridge.msnserver.plugin.EventRecorder.Message;
import org.imbridge.msnserver.plugin.EventRecorder.State;
import org.imbridge.msnserver.plugin.PeerConversation.Said;
import org.imbridge.msnserver.plugin.PeerConversation.Typed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typing notices both ways (docs/msnp.md §8.2), with the test's short typing expiry. */
class MsnTypingTest {

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
    void composingSendsOneTypingNoticeWithinTheRepeatInterval() {
        Peer.join(alice.session().sendMessage(BOB, "hello", true));
        alice.session().sendChatState(BOB, ChatState.COMPOSING);
        alice.session().sendChatState(BOB, ChatState.COMPOSING);
        alice.session().sendChatState(BOB, ChatState.PAUSED);
        Peer.join(alice.session().sendMessage(BOB, "done typing", true));

        PeerConversation atBob = await().atMost(EventRecorder.TIMEOUT).until(bob::conversations, l -> !l.isEmpty()).get(0);
        atBob.awaitTexts(2);
        assertThat(atBob.heard()).containsExactly(new Said("alice@hotmail.com", "hello"), new Typed("alice@hotmail.com"),
                new Said("alice@hotmail.com", "done typing"));
    }

    @Test
    void composingWithoutAConversationOpensOneForTheNotice() {
        alice.session().sendChatState(BOB, ChatState.COMPOSING);

        PeerConversation atBob = await().atMost(EventRecorder.TIMEOUT).until(bob::conversations, l -> !l.isEmpty()).get(0);
        await().atMost(EventRecorder.TIMEOUT).until(() -> atBob.typingNotices() == 1);
        assertThat(atBob.heard()).containsExactly(new Typed("alice@hotmail.com"));
    }

    @Test
    void aContactsTypingIsComposingThenPausedWhenTheNoticesStop() {
        PeerConversation c = bob.open("alice@hotmail.com");
        c.typing();
        c.typing();
        c.typing();

        alice.events().await(State.class, s -> s.state() == ChatState.PAUSED);

        assertThat(alice.events().all(State.class)).containsExactly(
                new State(BOB, ChatState.COMPOSING), new State(BOB, ChatState.PAUSED));
    }

    @Test
    void aMessageEndsTheTypingWithoutPaused() {
        PeerConversation c = bob.open("alice@hotmail.com");
        c.typing();
        c.say("typed it");
        c.typing();

        alice.events().await(State.class, s -> s.state() == ChatState.PAUSED);

        List<Event> chat = alice.events().events().stream()
                .filter(e -> e instanceof State || e instanceof Message).toList();
        assertThat(chat).hasSize(4);
        assertThat(chat.get(0)).isEqualTo(new State(BOB, ChatState.COMPOSING));
        assertThat(chat.get(1)).isInstanceOfSatisfying(Message.class, m -> assertThat(m.text()).isEqualTo("typed it"));
        assertThat(chat.subList(2, 4)).containsExactly(new State(BOB, ChatState.COMPOSING), new State(BOB, ChatState.PAUSED));
    }
}
