package org.imbridge.xmpp.gateway.groupchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.xmpp.gateway.RecordingSink;
import org.imbridge.xmpp.gateway.Stanzas;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

class RoomTest {

    private static final EntityFullJid PHONE = JidCreate.entityFullFromOrThrowUnchecked("romeo@localhost/phone");
    private static final EntityFullJid LAPTOP = JidCreate.entityFullFromOrThrowUnchecked("romeo@localhost/laptop");
    private static final Resourcepart ROMEO = Resourcepart.fromOrThrowUnchecked("Romeo");

    private final RecordingSink sink = new RecordingSink();
    private final Room room = new Room(JidCreate.entityBareFromOrThrowUnchecked("sb1@msn.localhost"),
            JidCreate.bareFromOrThrowUnchecked("romeo@localhost"), false, new RoomLimits(5, 2, 2),
            new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost")), sink);

    @Test
    void messagesBeyondTheBacklogAreCountedAndSaidOnJoin() {
        room.addParticipant(new Participant(LegacyAddress.of("bob@x.example"), "Bob"));
        for (String text : List.of("1", "2", "3")) {
            room.participantMessage(LegacyAddress.of("bob@x.example"), "Bob", text);
        }

        room.join(PHONE, ROMEO, false);

        List<String> bodies = sink.sentOfType(Message.class).stream().map(Message::getBody).toList();
        assertThat(bodies).containsExactly("2", "3", "1 earlier message was not kept while you were not in the room", null);
    }

    @Test
    void aFullRoomRefusesMoreParticipants() {
        assertThat(room.addParticipant(new Participant(LegacyAddress.of("a@x.example"), "A"))).isTrue();
        assertThat(room.addParticipant(new Participant(LegacyAddress.of("b@x.example"), "B"))).isTrue();
        assertThat(room.addParticipant(new Participant(LegacyAddress.of("c@x.example"), "C"))).isFalse();
        assertThat(room.title()).isEqualTo("A, B");
    }

    @Test
    void everyJoinedResourceGetsTheRoomAndTheUserLeavesWithTheLastOne() {
        room.join(PHONE, ROMEO, false);
        room.join(LAPTOP, Resourcepart.fromOrThrowUnchecked("Other"), false);
        sink.clear();

        room.participantMessage(LegacyAddress.of("bob@x.example"), "Bob", "hi");

        assertThat(sink.sent()).extracting(s -> s.getTo().toString())
                .containsExactly(PHONE.toString(), LAPTOP.toString());
        assertThat(room.leave(PHONE)).isFalse();
        assertThat(room.leave(LAPTOP)).isTrue();
    }

    @Test
    void theSecondResourceGetsTheSameNickAndIsToldItChanged() {
        room.join(PHONE, ROMEO, false);
        sink.clear();

        room.join(LAPTOP, Resourcepart.fromOrThrowUnchecked("Other"), false);

        Presence self = (Presence) sink.sent().get(0);
        assertThat(self.getFrom().getResourceOrThrow()).isEqualTo(ROMEO);
        assertThat(MUCUser.from(self).getStatus()).extracting(MUCUser.Status::getCode).contains(110, 210);
    }

    @Test
    void destroyingTellsEveryResourceAndTheUser() {
        room.addParticipant(new Participant(LegacyAddress.of("bob@x.example"), "Bob"));
        room.join(PHONE, ROMEO, false);
        sink.clear();

        room.destroy("Bob left");

        Stanza destroy = sink.sent().get(0);
        assertThat(Stanzas.xml(destroy)).contains("<destroy><reason>Bob left</reason></destroy>")
                .contains("<status code='110'/>");
        Message notice = (Message) sink.last();
        assertThat(notice.getType()).isEqualTo(Message.Type.headline);
        assertThat(notice.getTo().toString()).isEqualTo("romeo@localhost");
        assertThat(notice.getBody()).isEqualTo("The group conversation with Bob ended: Bob left");
        assertThat(room.isJoined()).isFalse();
    }

    @Test
    void theDirectInvitationCarriesTheRoomAndReason() {
        Message invitation = RoomStanzas.directInvitation(room.jid(),
                JidCreate.bareFromOrThrowUnchecked("bob%x.example@msn.localhost"),
                JidCreate.bareFromOrThrowUnchecked("romeo@localhost"), "A group conversation with Bob");

        assertThat(Stanzas.xml(invitation))
                .contains("<x xmlns='jabber:x:conference' jid='sb1@msn.localhost' reason='A group conversation with Bob'/>");
    }
}
