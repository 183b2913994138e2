package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.GroupEnded;
import org.imbridge.msnserver.plugin.EventRecorder.GroupJoined;
import org.imbridge.msnserver.plugin.EventRecorder.GroupLeft;
import org.imbridge.msnserver.plugin.EventRecorder.GroupMessage;
import org.imbridge.msnserver.plugin.EventRecorder.GroupStarted;
import org.imbridge.msnserver.plugin.EventRecorder.GroupState;
import org.imbridge.msnserver.plugin.EventRecorder.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-party switchboards as group conversations (docs/msnp.md §7.4, §14), against our MSN server with
 * plain clients playing bob and carol.
 */
class MsnGroupChatTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";
    private static final String CAROL = "carol@hotmail.com";
    private static final LegacyAddress BOB_ADDRESS = LegacyAddress.of(BOB);
    private static final LegacyAddress CAROL_ADDRESS = LegacyAddress.of(CAROL);
    private static final Participant BOB_IN_GROUP = new Participant(BOB_ADDRESS, "Bob Smith");
    private static final Participant CAROL_IN_GROUP = new Participant(CAROL_ADDRESS, "Carol ☺ 100%");

    private BridgeNetwork net;
    private BridgedSession alice;
    private Peer bob;
    private Peer carol;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
        alice = net.alice();
        bob = net.peer(BOB);
        carol = net.peer(CAROL);
        alice.events().awaitPresence(BOB, Presence.AVAILABLE);
        alice.events().awaitPresence(CAROL, Presence.AVAILABLE);
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void aContactChattingWithTheUserInvitesAThirdAndItBecomesAGroupUntilEveryoneLeft() {
        PeerConversation atBob = bob.open(ALICE);
        atBob.say("just you and me");
        Message oneToOne = alice.events().await(Message.class);

        atBob.invite(CAROL);

        GroupStarted started = alice.events().await(GroupStarted.class);
        assertThat(started.groupId()).matches("[a-z0-9]+");
        assertThat(started.participants()).containsExactly(BOB_IN_GROUP, CAROL_IN_GROUP);
        PeerConversation atCarol = awaitConversation(carol, 1);
        atBob.say("welcome carol");
        atCarol.say("hello everyone");
        List<GroupMessage> heard = alice.events().awaitCount(GroupMessage.class, 2);
        assertThat(heard).extracting(GroupMessage::groupId, GroupMessage::from, GroupMessage::text).containsExactly(
                tuple(started.groupId(), BOB_ADDRESS, "welcome carol"),
                tuple(started.groupId(), CAROL_ADDRESS, "hello everyone"));
        assertThat(oneToOne.text()).isEqualTo("just you and me");
        assertThat(alice.events().all(Message.class)).as("nothing after the group started is one to one").hasSize(1);

        Peer.join(alice.session().sendGroupMessage(started.groupId(), "hi both ☺"));

        assertThat(atBob.awaitTexts(2)).containsExactly("hello everyone", "hi both ☺");
        assertThat(atCarol.awaitTexts(2)).containsExactly("welcome carol", "hi both ☺");

        atCarol.leave();
        assertThat(alice.events().await(GroupLeft.class)).isEqualTo(new GroupLeft(started.groupId(), CAROL_ADDRESS, false));
        atBob.say("still here");
        assertThat(alice.events().await(GroupMessage.class, m -> m.text().equals("still here")).groupId())
                .as("a group stays a group with one contact left").isEqualTo(started.groupId());

        atBob.leave();
        assertThat(alice.events().await(GroupEnded.class))
                .isEqualTo(new GroupEnded(started.groupId(), "Everyone else left the conversation"));
        await().atMost(EventRecorder.TIMEOUT).until(() -> net.server.switchboardSessionCount() == 0);
    }

    @Test
    void theUserInvitedIntoAConversationOfTwoJoinsAGroupWithBoth() {
        PeerConversation atBob = bob.open(CAROL, ALICE);

        GroupStarted started = alice.events().await(GroupStarted.class);
        assertThat(started.participants()).as("IRO order").containsExactly(BOB_IN_GROUP, CAROL_IN_GROUP);

        atBob.typing();
        assertThat(alice.events().await(GroupState.class))
                .isEqualTo(new GroupState(started.groupId(), BOB_ADDRESS, ChatState.COMPOSING));
        assertThat(alice.events().await(GroupState.class, s -> s.state() == ChatState.PAUSED))
                .isEqualTo(new GroupState(started.groupId(), BOB_ADDRESS, ChatState.PAUSED));
        atBob.say("alice, meet carol");
        assertThat(alice.events().await(GroupMessage.class))
                .isEqualTo(new GroupMessage(started.groupId(), BOB_ADDRESS, "alice, meet carol"));
        assertThat(alice.events().all(Message.class)).isEmpty();

        alice.session().sendGroupChatState(started.groupId(), ChatState.COMPOSING);
        PeerConversation atCarol = awaitConversation(carol, 1);
        await().atMost(EventRecorder.TIMEOUT).until(() -> atCarol.heard().contains(new PeerConversation.Typed(ALICE)));
    }

    @Test
    void theUserOpensAGroupAndInvitesASecondContact() {
        String groupId = Peer.join(alice.session().openGroupChat(BOB_ADDRESS));

        assertThat(alice.events().all(GroupStarted.class)).as("reported before the open completed")
                .containsExactly(new GroupStarted(groupId, List.of(BOB_IN_GROUP)));
        Peer.join(alice.session().inviteToGroupChat(groupId, CAROL_ADDRESS));
        assertThat(alice.events().all(GroupJoined.class)).as("reported before the invitation completed")
                .containsExactly(new GroupJoined(groupId, CAROL_IN_GROUP));

        Peer.join(alice.session().sendGroupMessage(groupId, "hello you two"));

        assertThat(awaitConversation(bob, 1).awaitTexts(1)).containsExactly("hello you two");
        assertThat(awaitConversation(carol, 1).awaitTexts(1)).containsExactly("hello you two");
        assertThat(bob.conversations()).hasSize(1);
        assertThat(net.server.switchboardSessionCount()).isEqualTo(1);
    }

    @Test
    void invitingSomeoneOfflineOrIntoAnUnknownGroupFails() {
        LegacyAddress erin = LegacyAddress.of("erin@hotmail.com");
        String groupId = Peer.join(alice.session().openGroupChat(BOB_ADDRESS));

        assertThat(failure(alice.session().inviteToGroupChat(groupId, erin))).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE);
            assertThat(f.userText()).isEqualTo("erin@hotmail.com is offline");
        });
        assertThat(failure(alice.session().openGroupChat(erin)).kind()).isEqualTo(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE);
        assertThat(failure(alice.session().inviteToGroupChat("chat-nothing", CAROL_ADDRESS)).kind())
                .isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
        assertThat(alice.events().all(GroupStarted.class)).hasSize(1);
        Peer.join(alice.session().sendGroupMessage(groupId, "still open"));
        assertThat(awaitConversation(bob, 1).awaitTexts(1)).containsExactly("still open");
    }

    @Test
    void leavingAGroupSaysGoodbyeToTheOthersAndReportsNoEnd() {
        String groupId = Peer.join(alice.session().openGroupChat(BOB_ADDRESS));
        Peer.join(alice.session().inviteToGroupChat(groupId, CAROL_ADDRESS));
        PeerConversation atBob = awaitConversation(bob, 1);
        PeerConversation atCarol = awaitConversation(carol, 1);

        alice.session().leaveGroupChat(groupId);

        atBob.awaitLeft(ALICE);
        atCarol.awaitLeft(ALICE);
        assertThat(failure(alice.session().sendGroupMessage(groupId, "too late")).kind())
                .isEqualTo(DeliveryFailure.Kind.NOT_DELIVERED);
        assertThat(alice.events().all(GroupEnded.class)).isEmpty();
        atBob.say("bob and carol go on");
        assertThat(atCarol.awaitTexts(1)).containsExactly("bob and carol go on");
    }

    @Test
    void aOneToOneMessageAfterTheGroupStartedGoesToASwitchboardOfItsOwn() {
        PeerConversation group = bob.open(ALICE, CAROL);
        String groupId = alice.events().await(GroupStarted.class).groupId();
        PeerConversation atCarol = awaitConversation(carol, 1);

        Peer.join(alice.session().sendMessage(BOB_ADDRESS, "just for bob", true));

        PeerConversation oneToOne = awaitConversation(bob, 2);
        assertThat(oneToOne.awaitTexts(1)).containsExactly("just for bob");
        Peer.join(alice.session().sendGroupMessage(groupId, "for both"));
        assertThat(atCarol.awaitTexts(1)).as("the one-to-one text would have come first").containsExactly("for both");
        assertThat(group.awaitTexts(1)).containsExactly("for both");
    }

    private static DeliveryFailure failure(CompletionStage<?> stage) {
        Throwable t = MsnLoginTest.unwrap(catchThrowable(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS)));
        assertThat(t).isInstanceOf(DeliveryFailure.class);
        return (DeliveryFailure) t;
    }

    /** The {@code n}-th conversation of {@code peer}, once it exists. */
    private static PeerConversation awaitConversation(Peer peer, int n) {
        return await().atMost(EventRecorder.TIMEOUT).until(peer::conversations, l -> l.size() >= n).get(n - 1);
    }
}
