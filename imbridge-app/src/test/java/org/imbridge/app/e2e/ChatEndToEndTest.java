package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.imbridge.core.session.LinkState;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The product end to end: Jabber users on Prosody, the transport, our MSN network, and plain MSN users
 * on the other side. Each test has its own pair of accounts.
 */
class ChatEndToEndTest {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com", "c1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com"),
                AccountSpec.of("c1@hotmail.com", "pw", "Carol One").withContacts("r1@hotmail.com"),
                AccountSpec.of("r2@hotmail.com", "pw", "Romeo Two").withContacts("b2@hotmail.com"),
                AccountSpec.of("b2@hotmail.com", "pw", "Bob Two").withContacts("r2@hotmail.com"),
                AccountSpec.of("r3@hotmail.com", "pw", "Romeo Three"),
                AccountSpec.of("d3@hotmail.com", "pw", "Dave Three"),
                AccountSpec.of("e3@hotmail.com", "pw", "Erin Three"),
                AccountSpec.of("r4@hotmail.com", "pw", "Romeo Four").withContacts("b4@hotmail.com"),
                AccountSpec.of("b4@hotmail.com", "pw", "Bob Four").withContacts("r4@hotmail.com"),
                AccountSpec.of("r5@hotmail.com", "pw", "Romeo Five").withContacts("b5@hotmail.com"),
                AccountSpec.of("b5@hotmail.com", "pw", "Bob Five").withContacts("r5@hotmail.com"),
                AccountSpec.of("m5@hotmail.com", "pw", "Mallory Five"),
                AccountSpec.of("r6@hotmail.com", "pw", "Romeo Six"),
                AccountSpec.of("r7@hotmail.com", "pw", "Romeo Seven").withContacts("b7@hotmail.com"),
                AccountSpec.of("b7@hotmail.com", "pw", "Bob Seven").withContacts("r7@hotmail.com"),
                AccountSpec.of("r8@hotmail.com", "pw", "Romeo Eight")),
                List.of("*@localhost"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void contactsArriveWithTheirNamesAndPresenceFollowsBothWays() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.presences).anySatisfy(p -> {
                assertThat(p.getType()).isEqualTo(Presence.Type.subscribe);
                assertThat(p.getFrom().asBareJid().toString()).isEqualTo(bobJid.asBareJid().toString());
                assertThat(p.getExtension(Nick.class).getName()).isEqualTo("Bob One");
            }));
            assertThat(romeo.presences).anySatisfy(p ->
                    assertThat(p.getFrom().toString()).isEqualTo(romeo.contact("c1@hotmail.com").toString()));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available"));

            bob.session.changeStatus(MsnStatus.BSY);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available dnd"));

            romeo.presences.clear();
            romeo.send(StanzaBuilder.buildPresence().ofType(Presence.Type.probe).to(bobJid).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available dnd"));

            romeo.presence(Presence.Mode.away);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.statuses.get("r1@hotmail.com") == MsnStatus.AWY);
            assertThat(bridge.msn.statusOf("r1@hotmail.com")).isEqualTo(MsnStatus.AWY);

            bob.session.logout();
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("unavailable"));
        }
    }

    @Test
    void chatBothWaysWithLongAndInternationalTextTypingAndReceipts() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b2@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo2", "r2@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b2@hotmail.com");

            String international = "Ça va, Zoë? Привет, как дела? 你好，世界 ☺";
            romeo.send(chat(bobJid, international).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains(international));

            String five = "0123456789abcdefghijklmnopqrstuvwxyzéèêëçàâ-Жж-漢字 ".repeat(90);
            assertThat(five.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(5000);
            romeo.send(chat(bobJid, five).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> String.join("", bob.texts).contains(five));

            romeo.send(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(bobJid)
                    .addExtension(new ChatStateExtension(ChatState.composing)).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.typing.contains("r2@hotmail.com"));

            bob.typeTo("r2@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(bobJid).stream().anyMatch(m ->
                    m.getBody() == null && chatState(m) == ChatState.composing));
            bob.say("r2@hotmail.com", "Hallo Romeo, ça va? ☺");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(bobJid).stream().anyMatch(m ->
                    "Hallo Romeo, ça va? ☺".equals(m.getBody()) && m.getType() == Message.Type.chat && m.getThread() != null));

            Message withReceipt = StanzaBuilder.buildMessage("receipt-1").ofType(Message.Type.chat).to(bobJid)
                    .setBody("did you get this?").addExtension(new DeliveryReceiptRequest()).build();
            romeo.send(withReceipt);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("did you get this?"));
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.chatFrom(bobJid))
                    .as("%s", romeo.messages.stream().map(m -> m.toXML().toString()).toList())
                    .map(m -> m.getExtension(DeliveryReceipt.class))
                    .anySatisfy(r -> assertThat(r).isNotNull().extracting(DeliveryReceipt::getId)
                            .isEqualTo(withReceipt.getStanzaId())));
        }
    }

    @Test
    void aMessageToAnOfflineContactComesBackAsAnError() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo4", "r4@hotmail.com", "pw");
        Jid bobJid = romeo.contact("b4@hotmail.com");
        Message lost = StanzaBuilder.buildMessage("lost-1").ofType(Message.Type.chat).to(bobJid).setBody("anyone there?").build();
        romeo.send(lost);
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.chatFrom(bobJid)).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo(Message.Type.error);
            assertThat(m.getStanzaId()).isEqualTo(lost.getStanzaId());
            assertThat(m.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
            assertThat(m.getError().getDescriptiveText()).contains("offline");
        }));
    }

    @Test
    void malformedContactAddressesGetJidMalformedAndUnknownContactsItemNotFound() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo8", "r8@hotmail.com", "pw");
        Jid malformed = JidCreate.from("a%b%c@" + bridge.transportJid);
        Jid trailing = JidCreate.from("abc%@" + bridge.transportJid);

        romeo.send(StanzaBuilder.buildMessage("bad-1").ofType(Message.Type.chat).to(malformed).setBody("to whom?").build());
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.messages).anySatisfy(m -> {
            assertThat(m.getStanzaId()).isEqualTo("bad-1");
            assertThat(m.getType()).isEqualTo(Message.Type.error);
            assertThat(m.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
            assertThat(m.getBody()).isEqualTo("to whom?");
        }));

        romeo.send(StanzaBuilder.buildPresence("bad-2").ofType(Presence.Type.probe).to(trailing).build());
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.presences).anySatisfy(p -> {
            assertThat(p.getStanzaId()).isEqualTo("bad-2");
            assertThat(p.getType()).isEqualTo(Presence.Type.error);
            assertThat(p.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
        }));

        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.transport.gateway().sessions().user("romeo8@localhost")
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        romeo.send(StanzaBuilder.buildPresence("bad-3").ofType(Presence.Type.probe).to(romeo.contact("nobody@hotmail.com")).build());
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.presences).anySatisfy(p -> {
            assertThat(p.getStanzaId()).isEqualTo("bad-3");
            assertThat(p.getType()).isEqualTo(Presence.Type.error);
            assertThat(p.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        }));
    }

    @Test
    void contactsAddedOnEitherSideShowUpOnTheOther() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo3", "r3@hotmail.com", "pw");
        Jid daveJid = romeo.contact("d3@hotmail.com");
        romeo.send(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(daveJid).build());
        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.listOf("r3@hotmail.com", ListType.FL).contains("d3@hotmail.com")
                && bridge.msn.listOf("d3@hotmail.com", ListType.RL).contains("r3@hotmail.com"));

        try (MsnPeer erin = new MsnPeer(bridge, "e3@hotmail.com", "pw")) {
            erin.session.addContact(ListType.FL, "r3@hotmail.com", "Romeo", null).toCompletableFuture()
                    .get(BridgeHarness.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            Jid erinJid = romeo.contact("e3@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.presences).anySatisfy(p -> {
                assertThat(p.getType()).isEqualTo(Presence.Type.subscribe);
                assertThat(p.getFrom().asBareJid().toString()).isEqualTo(erinJid.asBareJid().toString());
            }));
            // romeo's client approves: erin is allowed to see romeo
            await().atMost(BridgeHarness.TIMEOUT).until(() ->
                    bridge.msn.listOf("r3@hotmail.com", ListType.AL).contains("e3@hotmail.com"));
        }
    }

    @Test
    void unsubscribingRemovesTheContactAndDenyingBlocksWhoAddedYou() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo5", "r5@hotmail.com", "pw");
        Jid bobJid = romeo.contact("b5@hotmail.com");
        Jid malloryJid = romeo.contact("m5@hotmail.com");
        romeo.deny.add(malloryJid.toString());
        // the roster sync's handshake with bob is over before romeo changes his mind
        await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.presences.stream().anyMatch(p ->
                p.getType() == Presence.Type.subscribed && p.getFrom().asBareJid().equals(bobJid.asBareJid())));

        romeo.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unsubscribe).to(bobJid).build());
        await().atMost(BridgeHarness.TIMEOUT).until(() ->
                !bridge.msn.listOf("r5@hotmail.com", ListType.FL).contains("b5@hotmail.com"));

        try (MsnPeer mallory = new MsnPeer(bridge, "m5@hotmail.com", "pw")) {
            mallory.session.addContact(ListType.FL, "r5@hotmail.com", "Romeo", null).toCompletableFuture()
                    .get(BridgeHarness.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(BridgeHarness.TIMEOUT).until(() ->
                    bridge.msn.listOf("r5@hotmail.com", ListType.BL).contains("m5@hotmail.com"));
            assertThat(bridge.msn.listOf("r5@hotmail.com", ListType.AL)).doesNotContain("m5@hotmail.com");
        }
    }

    @Test
    void loggingInElsewhereStopsTheSessionWithAReasonAndNoRetry() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo6", "r6@hotmail.com", "pw");
        Jid transport = bridge.transportJid;
        // presences from the transport reach romeo only once his subscription to it is approved
        await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.presences.stream().anyMatch(p ->
                p.getType() == Presence.Type.subscribed && p.getFrom().equals(transport)));
        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.transport.gateway().sessions().user("romeo6@localhost")
                .map(u -> u.state() == org.imbridge.core.session.LinkState.ONLINE).orElse(false));

        int beforeElsewhere = romeo.presenceMark();
        try (MsnPeer elsewhere = new MsnPeer(bridge, "r6@hotmail.com", "pw")) {
            int offline = romeo.awaitPresence(beforeElsewhere, XmppUser.from(transport, Presence.Type.unavailable));
            assertThat(romeo.presence(offline).getStatus()).contains("another location");
            assertThat(bridge.transport.gateway().sessions().user("romeo6@localhost").orElseThrow().state())
                    .isEqualTo(org.imbridge.core.session.LinkState.STOPPED);
            assertThat(elsewhere.session.isConnected()).isTrue();
        }
    }

    @Test
    void severalResourcesAreCombinedIntoOneMsnStatus() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo7", "r7@hotmail.com", "pw");
        org.jivesoftware.smack.tcp.XMPPTCPConnection phone = ProsodyClients.newClient(bridge.prosody, "romeo7", "xmpp-romeo7");
        org.jivesoftware.smack.roster.Roster.getInstanceFor(phone).setSubscriptionMode(
                org.jivesoftware.smack.roster.Roster.SubscriptionMode.manual);
        phone.connect().login("romeo7", "xmpp-romeo7", org.jxmpp.jid.parts.Resourcepart.from("phone"));
        try {
            romeo.send(StanzaBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away)
                    .setPriority(1).build());
            phone.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.dnd)
                    .setPriority(5).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.statusOf("r7@hotmail.com") == MsnStatus.BSY);

            phone.disconnect();
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.statusOf("r7@hotmail.com") == MsnStatus.AWY);

            romeo.client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("r7@hotmail.com"));
        } finally {
            phone.disconnect();
        }
    }

    private static org.jivesoftware.smack.packet.MessageBuilder chat(Jid to, String body) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(to).setBody(body);
    }

    private static ChatState chatState(Message m) {
        ChatStateExtension e = (ChatStateExtension) m.getExtension(ChatStateExtension.NAMESPACE);
        return e == null ? null : e.getChatState();
    }
}
