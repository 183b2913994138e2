package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.session.LinkState;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group conversations as XEP-0045 rooms, through the whole gateway, against {@link FakeSession}s. */
class GatewayGroupChatTest {

    private static final String ROMEO = "romeo@localhost";
    private static final String ROOM = "sb1@msn.localhost";
    private static final String BOB_JID = "bob%fakenet.example@msn.localhost";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");
    private static final LegacyAddress CAROL = LegacyAddress.of("carol@fakenet.example");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions());
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;
    private FakeSession session;

    @BeforeEach
    void romeoIsOnline() {
        session = online(ROMEO, "romeo@fakenet.example");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private FakeSession online(String user, String account) {
        fixture.store.save(Registration.of(user, FakeNetwork.ID, account, "pw"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + user + "/r' to='msn.localhost'/>"));
        Awaitility.await().atMost(WAIT).until(() -> gateway.sessions().user(user)
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        return fixture.network.session(account).orElseThrow();
    }

    private void startedWithBobAndCarol() {
        session.listener().onGroupChatStarted("sb1", List.of(new Participant(BOB, "Bob"), new Participant(CAROL, "Carol")));
        fixture.awaitSent(s -> s instanceof Message m && MUCUser.from(m) != null && MUCUser.from(m).getInvite() != null);
    }

    private void join(String resource, String nick) {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/" + resource + "' to='" + ROOM
                + "/" + nick + "'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));
    }


    private static boolean from(Stanza s, String jid) {
        return s.getFrom() != null && s.getFrom().toString().equals(jid);
    }

    @Test
    void aStartedConversationBecomesARoomWithBothKindsOfInvitation() {
        startedWithBobAndCarol();

        Message direct = fixture.awaitSent(s -> s instanceof Message m && m.hasExtension("x", "jabber:x:conference"));
        assertThat(direct.getFrom().toString()).isEqualTo(BOB_JID);
        assertThat(direct.getTo().toString()).isEqualTo(ROMEO);
        assertThat(Stanzas.xml(direct)).contains("jid='" + ROOM + "'").contains("reason='A group conversation with Bob, Carol'");
        Message mediated = fixture.awaitSent(s -> s instanceof Message m && MUCUser.from(m) != null);
        assertThat(mediated.getFrom().toString()).isEqualTo(ROOM);
        assertThat(MUCUser.from(mediated).getInvite().getFrom().toString()).isEqualTo(BOB_JID);
        assertThat(MUCUser.from(mediated).getInvite().getReason()).isEqualTo("A group conversation with Bob, Carol");
    }

    @Test
    void joiningShowsTheOccupantsThenTheUserThenTheSubject() {
        startedWithBobAndCarol();
        sink.clear();

        join("r", "Romeo");

        List<Stanza> sent = sink.sent();
        assertThat(sent).hasSize(4);
        Presence bob = (Presence) sent.get(0);
        assertThat(bob.getFrom().toString()).isEqualTo(ROOM + "/Bob");
        assertThat(bob.getTo().toString()).isEqualTo(ROMEO + "/r");
        MUCUser bobX = MUCUser.from(bob);
        assertThat(bobX.getItem().getJid().toString()).isEqualTo(BOB_JID);
        assertThat(bobX.getItem().getAffiliation()).isEqualTo(MUCAffiliation.member);
        assertThat(bobX.getItem().getRole()).isEqualTo(MUCRole.participant);
        assertThat(sent.get(1).getFrom().toString()).isEqualTo(ROOM + "/Carol");
        Presence self = (Presence) sent.get(2);
        assertThat(self.getFrom().toString()).isEqualTo(ROOM + "/Romeo");
        assertThat(MUCUser.from(self).getStatus()).extracting(MUCUser.Status::getCode).containsExactlyInAnyOrder(110, 100);
        Message subject = (Message) sent.get(3);
        assertThat(subject.getType()).isEqualTo(Message.Type.groupchat);
        assertThat(subject.getFrom().toString()).isEqualTo(ROOM);
        assertThat(Stanzas.xml(subject)).containsPattern("<subject(/>|></subject>)");
        assertThat(subject.getBody()).isNull();
    }

    @Test
    void aNickTakenByAParticipantIsChangedAndSaidSo() {
        startedWithBobAndCarol();
        sink.clear();

        join("r", "bob");

        Presence self = (Presence) sink.sent().get(2);
        assertThat(self.getFrom().toString()).isEqualTo(ROOM + "/bob (2)");
        assertThat(MUCUser.from(self).getStatus()).extracting(MUCUser.Status::getCode).contains(110, 210);
    }

    @Test
    void messagesGoBothWaysAndTheUsersOwnAreReflected() {
        startedWithBobAndCarol();
        join("r", "Romeo");

        session.listener().onGroupMessage("sb1", BOB, "hi all");
        Message fromBob = fixture.awaitSent(s -> s instanceof Message m && "hi all".equals(m.getBody()));
        assertThat(fromBob.getType()).isEqualTo(Message.Type.groupchat);
        assertThat(fromBob.getFrom().toString()).isEqualTo(ROOM + "/Bob");
        assertThat(fromBob.getTo().toString()).isEqualTo(ROMEO + "/r");

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='groupchat' id='out1' from='" + ROMEO
                + "/r' to='" + ROOM + "'><body>hello both</body></message>"));
        Message reflected = fixture.awaitSent(s -> s instanceof Message m && "out1".equals(m.getStanzaId()));
        assertThat(session.calls()).contains("sendGroupMessage sb1 hello both");
        assertThat(reflected.getType()).isEqualTo(Message.Type.groupchat);
        assertThat(reflected.getFrom().toString()).isEqualTo(ROOM + "/Romeo");
        assertThat(reflected.getTo().toString()).isEqualTo(ROMEO + "/r");
        assertThat(reflected.getBody()).isEqualTo("hello both");
    }

    @Test
    void aMessageTheNetworkRefusedComesBackAsAnErrorInsteadOfBeingReflected() {
        startedWithBobAndCarol();
        join("r", "Romeo");
        session.sendGroupMessage = (g, t) -> CompletableFuture.failedFuture(
                new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "The conversation is over"));

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='groupchat' id='out2' from='" + ROMEO
                + "/r' to='" + ROOM + "'><body>anyone?</body></message>"));

        Message error = fixture.awaitSent(s -> s instanceof Message m && "out2".equals(m.getStanzaId()));
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getDescriptiveText()).isEqualTo("The conversation is over");
        assertThat(error.getBody()).isEqualTo("anyone?");
    }

    @Test
    void typingGoesBothWays() {
        startedWithBobAndCarol();
        join("r", "Romeo");

        session.listener().onGroupChatState("sb1", CAROL, ChatState.COMPOSING);
        Message typing = fixture.awaitSent(s -> s instanceof Message m && m.hasExtension(ChatStateExtension.NAMESPACE));
        assertThat(typing.getFrom().toString()).isEqualTo(ROOM + "/Carol");
        assertThat(typing.getType()).isEqualTo(Message.Type.groupchat);

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='groupchat' from='" + ROMEO + "/r' to='"
                + ROOM + "'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"));
        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("sendGroupChatState sb1 COMPOSING"));
    }

    @Test
    void participantsJoiningAndLeavingAreOccupantPresences() {
        startedWithBobAndCarol();
        join("r", "Romeo");
        LegacyAddress dave = LegacyAddress.of("dave@fakenet.example");

        session.listener().onGroupParticipantJoined("sb1", new Participant(dave, "Dave"));
        Presence joined = fixture.awaitSent(s -> s instanceof Presence && from(s, ROOM + "/Dave"));
        assertThat(joined.getType()).isEqualTo(Presence.Type.available);
        assertThat(MUCUser.from(joined).getItem().getJid().toString()).isEqualTo("dave%fakenet.example@msn.localhost");

        session.listener().onGroupParticipantLeft("sb1", BOB, true);
        Presence left = fixture.awaitSent(s -> s instanceof Presence p && from(s, ROOM + "/Bob")
                && p.getType() == Presence.Type.unavailable);
        assertThat(MUCUser.from(left).getItem().getRole()).isEqualTo(MUCRole.none);
        assertThat(left.getStatus()).isEqualTo("Left after being idle");
    }

    @Test
    void messagesBeforeTheJoinWaitAndArriveMarkedAsDelayedBeforeTheSubject() {
        startedWithBobAndCarol();
        // straight to the output (the bridge's own thread does the same), so that it surely comes before the join
        gateway.output().groupMessage(ROMEO, "sb1", CAROL, "are you there?");
        assertThat(sink.sent()).noneMatch(s -> s instanceof Message m && m.getType() == Message.Type.groupchat);
        sink.clear();

        join("r", "Romeo");

        List<Stanza> sent = sink.sent();
        Message waited = (Message) sent.get(sent.size() - 2);
        assertThat(waited.getBody()).isEqualTo("are you there?");
        assertThat(waited.getFrom().toString()).isEqualTo(ROOM + "/Carol");
        assertThat(DelayInformation.from(waited)).isNotNull();
        assertThat(((Message) sent.get(sent.size() - 1)).getSubject()).isEmpty();
    }

    @Test
    void leavingTheRoomLeavesTheConversation() {
        startedWithBobAndCarol();
        join("r", "Romeo");

        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' type='unavailable' from='" + ROMEO + "/r' to='"
                + ROOM + "/Romeo'/>"));

        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("leaveGroupChat sb1"));
        Presence self = (Presence) sink.last();
        assertThat(self.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(MUCUser.from(self).getStatus()).extracting(MUCUser.Status::getCode).contains(110);
    }

    @Test
    void anEndedConversationDestroysTheRoomAndSaysWhy() {
        startedWithBobAndCarol();
        join("r", "Romeo");

        session.listener().onGroupChatEnded("sb1", "Everyone else left");

        Presence destroyed = fixture.awaitSent(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                && MUCUser.from(p) != null && MUCUser.from(p).getDestroy() != null);
        assertThat(destroyed.getTo().toString()).isEqualTo(ROMEO + "/r");
        assertThat(MUCUser.from(destroyed).getDestroy().getReason()).isEqualTo("Everyone else left");
        Message notice = fixture.awaitSent(s -> s instanceof Message m && m.getType() == Message.Type.headline);
        assertThat(notice.getBody()).isEqualTo("The group conversation with Bob, Carol ended: Everyone else left");
        // the room is gone: joining again makes a new, empty one
        sink.clear();
        join("r", "Romeo");
        Presence self = (Presence) sink.sent().stream().filter(s -> s instanceof Presence).findFirst().orElseThrow();
        assertThat(MUCUser.from(self).getStatus()).extracting(MUCUser.Status::getCode).contains(201);
    }

    @Test
    void theRoomsEndWhenTheUserGoesOffline() {
        startedWithBobAndCarol();
        join("r", "Romeo");

        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' type='unavailable' from='" + ROMEO
                + "/r' to='msn.localhost'/>"));

        Presence destroyed = fixture.awaitSent(s -> s instanceof Presence p && MUCUser.from(p) != null
                && MUCUser.from(p).getDestroy() != null);
        assertThat(destroyed.getFrom().toString()).isEqualTo(ROOM + "/Romeo");
    }

    @Test
    void aRoomTheUserCreatesOpensAConversationWithTheFirstInviteAndAddsTheNext() {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='plans@msn.localhost/Romeo'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>"));
        Presence self = (Presence) sink.sent().stream().filter(s -> from(s, "plans@msn.localhost/Romeo")).findFirst()
                .orElseThrow();
        assertThat(MUCUser.from(self).getStatus()).extracting(MUCUser.Status::getCode).contains(110, 201);
        assertThat(MUCUser.from(self).getItem().getAffiliation()).isEqualTo(MUCAffiliation.owner);
        // the instant-room form (XEP-0045 §10.1.2) is accepted
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='set' id='cfg' from='" + ROMEO
                + "/r' to='plans@msn.localhost'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>"));
        IQ configured = fixture.awaitSent(s -> s instanceof IQ && "cfg".equals(s.getStanzaId()));
        assertThat(configured.getType()).isEqualTo(IQ.Type.result);

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' from='" + ROMEO + "/r' to='plans@msn.localhost'>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='" + BOB_JID + "'/></x></message>"));
        Presence bob = fixture.awaitSent(s -> s instanceof Presence && from(s, "plans@msn.localhost/bob@fakenet.example"));
        assertThat(MUCUser.from(bob).getItem().getJid().toString()).isEqualTo(BOB_JID);
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' from='" + ROMEO + "/r' to='plans@msn.localhost'>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='carol%fakenet.example@msn.localhost'/></x>"
                + "</message>"));

        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains(
                "inviteToGroupChat g-bob@fakenet.example carol@fakenet.example"));
        assertThat(session.calls()).filteredOn(c -> c.contains("GroupChat")).containsExactly(
                "openGroupChat bob@fakenet.example", "inviteToGroupChat g-bob@fakenet.example carol@fakenet.example");
        // the conversation's own start binds to the same room: no second room, no invitation
        sink.clear();
        session.listener().onGroupChatStarted("g-bob@fakenet.example", List.of(new Participant(BOB, "Bob")));
        session.listener().onGroupParticipantJoined("g-bob@fakenet.example", new Participant(CAROL, "Carol"));
        fixture.awaitSent(s -> s instanceof Presence && from(s, "plans@msn.localhost/Carol"));
        assertThat(sink.sent()).noneMatch(s -> s instanceof Message);
    }

    @Test
    void aFailedInvitationIsShownInTheRoomAndBouncesTheInvite() {
        session.openGroupChat = first -> CompletableFuture.failedFuture(
                new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE, "bob@fakenet.example is offline"));
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='plans@msn.localhost/Romeo'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>"));

        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' id='inv1' from='" + ROMEO
                + "/r' to='plans@msn.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><invite to='" + BOB_JID
                + "'/></x></message>"));

        Message error = fixture.awaitSent(s -> s instanceof Message m && "inv1".equals(m.getStanzaId()));
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
        Message notice = fixture.awaitSent(s -> s instanceof Message m && m.getType() == Message.Type.groupchat
                && m.getBody() != null);
        assertThat(notice.getFrom().toString()).isEqualTo("plans@msn.localhost");
        assertThat(notice.getBody()).isEqualTo("Could not invite bob@fakenet.example: bob@fakenet.example is offline");
        // nobody is in it: writing is refused with a hint
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='groupchat' id='m1' from='" + ROMEO
                + "/r' to='plans@msn.localhost'><body>hello?</body></message>"));
        Message refused = fixture.awaitSent(s -> s instanceof Message m && "m1".equals(m.getStanzaId()));
        assertThat(refused.getError().getDescriptiveText()).contains("invite a contact first");
    }

    @Test
    void anotherUserCannotEnterSomeonesRoom() {
        startedWithBobAndCarol();

        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' id='j1' from='juliet@localhost/r' to='" + ROOM
                + "/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));

        Presence error = (Presence) sink.last();
        assertThat(error.getType()).isEqualTo(Presence.Type.error);
        assertThat(error.getTo().toString()).isEqualTo("juliet@localhost/r");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='groupchat' id='m2' from='juliet@localhost/r'"
                + " to='" + ROOM + "'><body>let me in</body></message>"));
        assertThat(((Message) sink.last()).getType()).isEqualTo(Message.Type.error);
        assertThat(session.calls()).noneMatch(c -> c.startsWith("sendGroupMessage"));
    }

    @Test
    void theRoomsDiscoInfoSaysWhatItIs() {
        startedWithBobAndCarol();

        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d1' from='" + ROMEO + "/r' to='" + ROOM
                + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = fixture.awaitSent(s -> s instanceof DiscoverInfo && "d1".equals(s.getStanzaId()));
        assertThat(info.getIdentities()).singleElement().satisfies(id -> {
            assertThat(id.getCategory()).isEqualTo("conference");
            assertThat(id.getType()).isEqualTo("text");
            assertThat(id.getName()).isEqualTo("Bob, Carol");
        });
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains(
                "http://jabber.org/protocol/muc", "muc_nonanonymous", "muc_membersonly", "muc_hidden", "muc_temporary")
                .doesNotContain("muc_public", "muc_persistent", "muc_open");
    }

    @Test
    void selfPingIsAnsweredOnlyWhileJoined() {
        startedWithBobAndCarol();
        String ping = "<iq xmlns='jabber:client' type='get' id='%s' from='" + ROMEO + "/r' to='" + ROOM
                + "/Romeo'><ping xmlns='urn:xmpp:ping'/></iq>";

        gateway.accept(Stanzas.parse(String.format(ping, "p1")));
        IQ notJoined = fixture.awaitSent(s -> s instanceof IQ && "p1".equals(s.getStanzaId()));
        assertThat(notJoined.getType()).isEqualTo(IQ.Type.error);
        assertThat(notJoined.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);

        join("r", "Romeo");
        gateway.accept(Stanzas.parse(String.format(ping, "p2")));
        IQ joined = fixture.awaitSent(s -> s instanceof IQ && "p2".equals(s.getStanzaId()));
        assertThat(joined.getType()).isEqualTo(IQ.Type.result);
        assertThat(joined.getFrom().toString()).isEqualTo(ROOM + "/Romeo");
    }

    @Test
    void contactJidsStillGoToContacts() {
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='chat' id='c1' from='" + ROMEO + "/r' to='"
                + BOB_JID + "'><body>just you</body></message>"));

        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("sendMessage bob@fakenet.example just you"));
    }

    @Test
    void onlyUsersWithASessionMayOpenRooms() {
        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='mallory@elsewhere.example/x' to='"
                + "spam@msn.localhost/M'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));

        // answered once the store said mallory is not registered
        Presence error = fixture.awaitSent(s -> s instanceof Presence p && p.getType() == Presence.Type.error
                && p.getTo().toString().equals("mallory@elsewhere.example/x"));
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
        assertThat(error.getError().getDescriptiveText()).contains("not registered with the FakeNet transport msn.localhost");
    }

    @Test
    void roomsPerUserAreBounded() {
        int limit = org.imbridge.xmpp.gateway.groupchat.RoomLimits.DEFAULT.roomsPerUser();
        for (int i = 0; i < limit; i++) {
            gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='room" + i
                    + "@msn.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));
        }
        sink.clear();

        gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO + "/r' to='one-more@msn.localhost"
                + "/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>"));
        Presence error = (Presence) sink.last();
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);

        session.listener().onGroupChatStarted("sb9", List.of(new Participant(BOB, "Bob")));
        Awaitility.await().atMost(WAIT).until(() -> session.calls().contains("leaveGroupChat sb9"));
        Message notice = fixture.awaitSent(s -> s instanceof Message m && m.getType() == Message.Type.headline);
        assertThat(notice.getBody()).contains("A group conversation with Bob began").contains("it was left");
    }
}
