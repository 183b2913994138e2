package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * The product on ejabberd: the transport behind a private ejabberd's ejabberd_service listener. ejabberd
 * grants no XEP-0356 privilege, so contacts arrive as subscription requests with their nicknames.
 */
class EjabberdEndToEndTest {

    @Test
    void aUserRegistersSeesAnMsnContactAndChatsBothWays() throws Exception {
        String reason = PrivateEjabberd.unavailableReason();
        assumeTrue(reason == null, () -> "no private ejabberd here: " + reason);
        try (BridgeHarness bridge = new BridgeHarness(PrivateEjabberd.builder(), List.of(
                     AccountSpec.of("romeo@hotmail.com", "pw", "Romeo").withContacts("bob@hotmail.com"),
                     AccountSpec.of("bob@hotmail.com", "pw", "Bob on MSN").withContacts("romeo@hotmail.com")),
                List.of("romeo@localhost"));
             MsnPeer bob = new MsnPeer(bridge, "bob@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo", "romeo@hotmail.com", "pw");
            assertThat(bridge.transport.gateway().roster().method("romeo@localhost")).isEqualTo(Method.SUBSCRIPTION);
            Jid bobJid = romeo.contact("bob@hotmail.com");

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.presences).anySatisfy(p -> {
                assertThat(p.getType()).isEqualTo(Presence.Type.subscribe);
                assertThat(p.getFrom().asBareJid().toString()).isEqualTo("bob%hotmail.com@msn.localhost");
                assertThat(p.getExtension(Nick.class).getName()).isEqualTo("Bob on MSN");
            }));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available"));

            romeo.send(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(bobJid)
                    .setBody("Hello Bob, from ejabberd").build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("Hello Bob, from ejabberd"));

            bob.say("romeo@hotmail.com", "Hello Romeo, from MSN");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(bobJid).stream()
                    .anyMatch(m -> "Hello Romeo, from MSN".equals(m.getBody())));
        }
    }
}
