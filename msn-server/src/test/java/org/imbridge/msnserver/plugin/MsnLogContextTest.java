package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.SessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The adapter reports a session's events in the logging context (MDC) it was logged in with, also
 * what its own typing timer reports, and nothing for a session logged in without one.
 */
class MsnLogContextTest {

    private static final String ALICE_JID = "alice@jabber.example";

    /** A chat state or message as reported, with the thread and the MDC user at that moment. */
    private record Seen(String what, String thread, String user) {
    }

    private BridgeNetwork net;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
    }

    @AfterEach
    void stop() {
        MDC.clear();
        net.close();
    }

    @Test
    void chatStatesAndMessagesAreReportedInTheContextOfTheLogin() {
        Peer bob = net.peer("bob@hotmail.com");
        List<Seen> alice = new CopyOnWriteArrayList<>();
        List<Seen> carol = new CopyOnWriteArrayList<>();
        MDC.put("user", ALICE_JID);
        LegacySession aliceSession = login("alice@hotmail.com", alice);
        MDC.clear();
        LegacySession carolSession = login("carol@hotmail.com", carol);
        try {
            PeerConversation toAlice = bob.open("alice@hotmail.com");
            toAlice.typing();
            PeerConversation toCarol = bob.open("carol@hotmail.com");
            toCarol.typing();
            awaitSeen(alice, ChatState.PAUSED.name());
            awaitSeen(carol, ChatState.PAUSED.name());
            toAlice.say("hi alice");
            toCarol.say("hi carol");
            awaitSeen(alice, "message");
            awaitSeen(carol, "message");

            assertThat(alice).extracting(Seen::what).containsExactly("COMPOSING", "PAUSED", "message");
            assertThat(alice).allSatisfy(s -> assertThat(s.user()).as(s.toString()).isEqualTo(ALICE_JID));
            assertThat(alice.get(1).thread()).as("the adapter's timer").isEqualTo("msn-plugin-timer");
            assertThat(carol).extracting(Seen::what).containsExactly("COMPOSING", "PAUSED", "message");
            assertThat(carol).allSatisfy(s -> assertThat(s.user()).as(s.toString()).isNull());
            assertThat(carol.get(1).thread()).isEqualTo("msn-plugin-timer");
        } finally {
            aliceSession.logout();
            carolSession.logout();
        }
    }

    private LegacySession login(String handle, List<Seen> seen) {
        LegacySession session = net.network.openSession(BridgeNetwork.credentials(handle), new Recorder(seen));
        Peer.join(session.login(Presence.AVAILABLE));
        return session;
    }

    private static void awaitSeen(List<Seen> seen, String what) {
        Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> seen.stream().anyMatch(s -> s.what().equals(what)));
    }

    /** Records chat states and messages with the MDC user of the thread that reports them. */
    private record Recorder(List<Seen> seen) implements SessionListener {

        private void add(String what) {
            seen.add(new Seen(what, Thread.currentThread().getName(), MDC.get("user")));
        }

        @Override
        public void onChatState(LegacyAddress from, ChatState state) {
            add(state.name());
        }

        @Override
        public void onMessage(LegacyAddress from, String text, String threadId) {
            add("message");
        }
    }
}
