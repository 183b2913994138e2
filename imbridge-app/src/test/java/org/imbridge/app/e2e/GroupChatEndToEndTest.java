package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Group conversations end to end: a Jabber user with Smack's own MUC client on Prosody, the transport,
 * our MSN network, and MSN users who invite each other into switchboards. Each test has its own accounts.
 */
class GroupChatEndToEndTest {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com", "c1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com"),
                AccountSpec.of("c1@hotmail.com", "pw", "Carol One"),
                AccountSpec.of("r2@hotmail.com", "pw", "Romeo Two").withContacts("b2@hotmail.com", "c2@hotmail.com",
                        "d2@hotmail.com"),
                AccountSpec.of("b2@hotmail.com", "pw", "Bob Two").withContacts("r2@hotmail.com"),
                AccountSpec.of("c2@hotmail.com", "pw", "Carol Two").withContacts("r2@hotmail.com"),
                AccountSpec.of("d2@hotmail.com", "pw", "Dave Two (offline)"),
                AccountSpec.of("r3@hotmail.com", "pw", "Romeo Three").withContacts("b3@hotmail.com"),
                AccountSpec.of("b3@hotmail.com", "pw", "Bob Three").withContacts("r3@hotmail.com"),
                AccountSpec.of("c3@hotmail.com", "pw", "Carol Three"),
                AccountSpec.of("r4@hotmail.com", "pw", "Romeo Four").withContacts("b4@hotmail.com"),
                AccountSpec.of("b4@hotmail.com", "pw", "Bob Four").withContacts("r4@hotmail.com"),
                AccountSpec.of("c4@hotmail.com", "pw", "Carol Four")),
                List.of("*@localhost"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aContactInvitesAThirdPersonAndTheConversationContinuesInARoom() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw");
             MsnPeer carol = new MsnPeer(bridge, "c1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            EntityBareJid roomJid = invitedAfterOneToOne(romeo, bob, "r1@hotmail.com", "c1@hotmail.com",
                    "just the two of us");
            assertThat(roomJid.getLocalpart().toString()).doesNotContain("%");
            assertThat(roomJid.getDomain()).isEqualTo(bridge.transportJid);
            MultiUserChat room = MultiUserChatManager.getInstanceFor(romeo.client).getMultiUserChat(roomJid);
            List<Message> inRoom = new CopyOnWriteArrayList<>();
            room.addMessageListener(inRoom::add);
            room.join(Resourcepart.from("Romeo"));

            await().atMost(BridgeHarness.TIMEOUT).until(() -> room.getOccupantsCount() == 3);
            assertThat(room.getOccupants().stream().map(o -> room.getOccupant(o)).map(Occupant::getJid)
                    .filter(java.util.Objects::nonNull).map(j -> j.asBareJid().toString()).toList())
                    .contains(romeo.contact("b1@hotmail.com").toString(), romeo.contact("c1@hotmail.com").toString());
            assertThat(inRoom).noneMatch(m -> "just the two of us".equals(m.getBody()));

            carol.say("r1@hotmail.com", "hello both");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> inRoom.stream()
                    .anyMatch(m -> "hello both".equals(m.getBody())
                            && m.getFrom().getResourceOrEmpty().toString().equals("Carol One")));

            room.sendMessage("hi Bob, hi Carol");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("hi Bob, hi Carol")
                    && carol.texts.contains("hi Bob, hi Carol"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> inRoom.stream()
                    .anyMatch(m -> "hi Bob, hi Carol".equals(m.getBody())));

            int mark = romeo.presenceMark();
            carol.leave("r1@hotmail.com");
            romeo.awaitPresence(mark, p -> p.getType() == Presence.Type.unavailable
                    && p.getFrom().asBareJid().equals(roomJid) && p.getFrom().getResourceOrEmpty().toString().equals("Carol One"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> room.getOccupantsCount() == 2);

            int beforeBobLeaves = romeo.presenceMark();
            bob.leave("r1@hotmail.com");
            romeo.awaitPresence(beforeBobLeaves, p -> p.getType() == Presence.Type.unavailable
                    && p.getFrom().asBareJid().equals(roomJid) && p.getFrom().getResourceOrEmpty().toString().equals("Romeo"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !room.isJoined());
        }
    }

    @Test
    void theUserOpensARoomInvitesTwoContactsAndAnOfflineOneIsRefusedInTheRoom() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b2@hotmail.com", "pw");
             MsnPeer carol = new MsnPeer(bridge, "c2@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo2", "r2@hotmail.com", "pw");
            await().atMost(BridgeHarness.TIMEOUT).until(() ->
                    romeo.lastPresenceFrom(romeo.contact("c2@hotmail.com")).equals("available"));
            MultiUserChat room = MultiUserChatManager.getInstanceFor(romeo.client)
                    .getMultiUserChat(JidCreate.entityBareFrom("plans@" + bridge.transportJid));
            List<Message> inRoom = new CopyOnWriteArrayList<>();
            room.addMessageListener(inRoom::add);
            room.create(Resourcepart.from("Romeo")).makeInstant();

            room.invite(romeo.contact("b2@hotmail.com").asEntityBareJidOrThrow(), "plans for Friday");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> room.getOccupantsCount() == 2);
            room.invite(romeo.contact("c2@hotmail.com").asEntityBareJidOrThrow(), "plans for Friday");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> room.getOccupantsCount() == 3);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.inSwitchboardWith("r2@hotmail.com", "c2@hotmail.com"));

            room.sendMessage("shall we meet at eight?");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("shall we meet at eight?")
                    && carol.texts.contains("shall we meet at eight?"));
            bob.say("c2@hotmail.com", "eight is fine");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> carol.texts.contains("eight is fine")
                    && inRoom.stream().anyMatch(m -> "eight is fine".equals(m.getBody())
                            && m.getFrom().getResourceOrEmpty().toString().equals("Bob Two")));

            room.invite(romeo.contact("d2@hotmail.com").asEntityBareJidOrThrow(), "you too?");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.messages.stream().anyMatch(m ->
                    m.getFrom() != null && m.getFrom().asBareJid().equals(room.getRoom())
                            && (m.getType() == Message.Type.error || String.valueOf(m.getBody()).contains("offline"))));
            assertThat(room.getOccupantsCount()).isEqualTo(3);
        }
    }

    @Test
    void aOneToOneMessageBesideTheRoomStaysOneToOne() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b3@hotmail.com", "pw");
             MsnPeer carol = new MsnPeer(bridge, "c3@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo3", "r3@hotmail.com", "pw");
            invitedAfterOneToOne(romeo, bob, "r3@hotmail.com", "c3@hotmail.com", "hi");

            romeo.send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                    .to(romeo.contact("b3@hotmail.com")).setBody("only for Bob").build());

            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("only for Bob"));
            assertThat(carol.texts).doesNotContain("only for Bob");
        }
    }

    @Test
    void aDeadSwitchboardEndsTheRoomAndTheUserIsToldWhy() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b4@hotmail.com", "pw");
             MsnPeer carol = new MsnPeer(bridge, "c4@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo4", "r4@hotmail.com", "pw");
            EntityBareJid roomJid = invitedAfterOneToOne(romeo, bob, "r4@hotmail.com", "c4@hotmail.com", "hi");
            MultiUserChat room = MultiUserChatManager.getInstanceFor(romeo.client).getMultiUserChat(roomJid);
            room.join(Resourcepart.from("Romeo"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> room.getOccupantsCount() == 3
                    && carol.inSwitchboardWith("b4@hotmail.com", "r4@hotmail.com"));
            int mark = romeo.presenceMark();

            bridge.restartMsn(); // every connection to it dies, the switchboard with them, no one says goodbye

            int ended = romeo.awaitPresence(mark, p -> p.getType() == Presence.Type.unavailable
                    && p.getFrom().asBareJid().equals(roomJid)
                    && p.getFrom().getResourceOrEmpty().toString().equals("Romeo"));
            assertThat(romeo.presence(ended).toXML().toString()).contains("<destroy");
            // the switchboard's end and the server's goodbye on the notification connection race: either is a reason
            assertThat(romeo.presence(ended).getStatus()).containsPattern("(?i)lost|shutting down");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !room.isJoined());
        }
    }

    /**
     * The contact says {@code words} to the user one to one and, once the user has them, invites
     * {@code third} into that switchboard; returns the room the user is then invited to.
     */
    private static EntityBareJid invitedAfterOneToOne(XmppUser romeo, MsnPeer contact, String user, String third,
                                                      String words) throws Exception {
        List<EntityBareJid> invitedTo = new CopyOnWriteArrayList<>();
        MultiUserChatManager.getInstanceFor(romeo.client).addInvitationListener(
                (conn, room, inviter, reason, password, message, invitation) -> invitedTo.add(room.getRoom()));
        contact.say(user, words);
        Jid contactJid = romeo.contact(contact.session.ownHandle());
        await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(contactJid).stream()
                .anyMatch(m -> words.equals(m.getBody())));
        contact.invite(user, third);
        await().atMost(BridgeHarness.TIMEOUT).until(() -> !invitedTo.isEmpty());
        return invitedTo.get(0);
    }
}
