package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msnserver.it.ConversationEvents.Closed;
import org.imbridge.msnserver.it.ConversationEvents.Joined;
import org.imbridge.msnserver.it.ConversationEvents.Left;
import org.imbridge.msnserver.it.ConversationEvents.Message;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.imbridge.msnserver.it.NotificationEvents.Accepted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A three-person switchboard between real clients. */
class GroupChatIntegrationTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";
    private static final String CAROL = "carol@hotmail.com";

    private LiveNetwork net;

    @BeforeEach
    void start() throws IOException {
        net = LiveNetwork.start();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void eachMessageReachesBothOthersAndALeaverIsSaidGoodbyeTo() {
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        User carol = net.online(CAROL);
        Chat chat = Chat.open(alice, bob);
        ConversationEvents carolEvents = new ConversationEvents();
        carol.events().acceptInvitations(() -> carolEvents);

        await(chat.caller().invite(CAROL));
        SwitchboardSession carolSb = await(carol.events().next(Accepted.class).joined());

        String sessionId = chat.caller().sessionId();
        assertThat(carolSb.sessionId()).isEqualTo(sessionId);
        assertThat(carolSb.participants()).as("IRO lists both, in join order")
                .containsExactly(Map.entry(ALICE, "Alice Müller"), Map.entry(BOB, "Боб Иванов"));
        assertThat(chat.callerEvents().next(Joined.class)).isEqualTo(new Joined(BOB, "Боб Иванов"));
        assertThat(chat.callerEvents().next(Joined.class)).isEqualTo(new Joined(CAROL, "キャロル 🌸"));
        assertThat(chat.calleeEvents().next(Joined.class)).isEqualTo(new Joined(CAROL, "キャロル 🌸"));
        assertThat(chat.callee().participants()).containsOnlyKeys(ALICE, CAROL);
        assertThat(net.server.switchboardParticipants(sessionId)).containsExactly(ALICE, BOB, CAROL);

        await(chat.caller().sendText("from alice — à tous", AckMode.A));
        await(chat.callee().sendText("от Боба", AckMode.A));
        await(carolSb.sendText("キャロルから", AckMode.A));

        assertThat(texts(chat.calleeEvents(), ALICE, CAROL)).containsExactly("from alice — à tous", "キャロルから");
        assertThat(texts(carolEvents, ALICE, BOB)).containsExactly("from alice — à tous", "от Боба");
        assertThat(texts(chat.callerEvents(), BOB, CAROL)).containsExactly("от Боба", "キャロルから");
        for (ConversationEvents e : List.of(chat.callerEvents(), chat.calleeEvents(), carolEvents)) {
            assertThat(e.all(Message.class)).as("nobody gets their own message back").isEmpty();
        }

        await(carolSb.close());

        assertThat(chat.callerEvents().next(Left.class)).isEqualTo(new Left(CAROL, false));
        assertThat(chat.calleeEvents().next(Left.class)).isEqualTo(new Left(CAROL, false));
        eventually().until(() -> net.server.switchboardParticipants(sessionId).equals(List.of(ALICE, BOB)));
        assertThat(chat.caller().isOpen()).as("two are still talking").isTrue();
        assertThat(chat.caller().participants()).containsOnlyKeys(BOB);
        await(chat.caller().sendText("just us now", AckMode.A));
        assertThat(chat.calleeEvents().nextMessageFrom(ALICE).text()).isEqualTo("just us now");
        assertThat(chat.callerEvents().all(Closed.class)).isEmpty();
    }

    /** The next message from each sender in turn, as texts. */
    private static List<String> texts(ConversationEvents events, String firstSender, String secondSender) {
        return List.of(events.nextMessageFrom(firstSender).text(), events.nextMessageFrom(secondSender).text());
    }
}
