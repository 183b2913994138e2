package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * The transport dies mid-chat without a goodbye and a new one starts on the same store: the user is
 * back online and chatting without their client doing anything, because the new transport probes
 * every registered user at start-up.
 */
class TransportRestartEndToEndTest {

    private BridgeHarness bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void usersAreBackOnlineAndChattingAfterTheTransportCrashesWithoutTheirClientsSendingPresence() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com"),
                AccountSpec.of("o1@hotmail.com", "pw", "Olivia One")),
                List.of("*@localhost"));
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            // registered but offline at the crash: must stay offline
            XmppUser olivia = XmppUser.onboard(bridge, "olivia1", "o1@hotmail.com", "pw");
            olivia.client.disconnect();
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("o1@hotmail.com"));
            Jid bobJid = romeo.contact("b1@hotmail.com");
            Jid transport = bridge.transportJid;
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available"));
            romeo.send(chat(bobJid, "before the crash").build());
            bob.say("r1@hotmail.com", "hello before the crash");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("before the crash"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bodiesFrom(romeo, bobJid).contains("hello before the crash"));

            List<Presence> sentByRomeo = new CopyOnWriteArrayList<>();
            romeo.client.addStanzaSendingListener(s -> sentByRomeo.add((Presence) s), StanzaTypeFilter.PRESENCE);
            int mark = romeo.presenceMark();
            long crashedAt = System.nanoTime();
            bridge.crashAndRestartTransport();

            romeo.awaitPresence(mark, XmppUser.from(transport, Presence.Type.available));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.isOnline("r1@hotmail.com"));
            romeo.awaitPresence(mark, XmppUser.from(bobJid, Presence.Type.available));
            long backMillis = (System.nanoTime() - crashedAt) / 1_000_000;
            System.out.println("romeo back online " + backMillis + " ms after the crash");

            romeo.send(chat(bobJid, "after the crash").build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("after the crash"));
            bob.say("r1@hotmail.com", "hello after the crash");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bodiesFrom(romeo, bobJid).contains("hello after the crash"));

            assertThat(sentByRomeo).as("romeo's client sent no presence of its own after the crash")
                    .noneMatch(p -> p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable);
            assertThat(bridge.msn.isOnline("o1@hotmail.com")).as("olivia's client is offline: she stays offline").isFalse();
            assertThat(bridge.transport.gateway().sessions().user("olivia1@localhost")).isEmpty();
        }
    }

    private static List<String> bodiesFrom(XmppUser user, Jid contact) {
        return user.chatFrom(contact).stream().map(Message::getBody).toList();
    }

    private static org.jivesoftware.smack.packet.MessageBuilder chat(Jid to, String body) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(to).setBody(body);
    }
}
