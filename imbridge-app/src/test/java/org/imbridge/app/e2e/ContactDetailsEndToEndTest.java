package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.ContactSpec;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

/**
 * What a Jabber client learns about MSN contacts through real Prosody (and ejabberd: the subclass): their vCards (XEP-0054, with
 * Smack's VCardManager as a client asks), and their new friendly names as XEP-0172 nicks in presence
 * (renames of roster items with XEP-0356 are in {@link RosterEndToEndTest}).
 */
class ContactDetailsEndToEndTest {

    static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = startOn(ServerKind.PROSODY);
    }

    static BridgeHarness startOn(ServerKind server) throws Exception {
        AccountSpec bob = new AccountSpec("b1@hotmail.com", "pw", "Bob One", true,
                List.of(ContactSpec.of("r1@hotmail.com")), List.of(), List.of(), PrivacyMode.AL, ReversePrompt.A, null, 0,
                Map.of("PHH", "555 0100", "PHW", "555 0101", "PHM", "+1 555 0102", "MOB", "Y"));
        return server.start(List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com", "c1@hotmail.com"),
                bob,
                AccountSpec.of("c1@hotmail.com", "pw", "Carol One").withContacts("r1@hotmail.com"),
                AccountSpec.of("r2@hotmail.com", "pw", "Romeo Two").withContacts("b2@hotmail.com"),
                AccountSpec.of("b2@hotmail.com", "pw", "Bob Two").withContacts("r2@hotmail.com"),
                AccountSpec.of("r3@hotmail.com", "pw", "Romeo Three").withContacts("b3@hotmail.com"),
                AccountSpec.of("b3@hotmail.com", "pw", "Bob Three").withContacts("r3@hotmail.com")),
                List.of("*@localhost"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aContactsVCardHasItsNameAddressAndSharedPhones() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
        EntityBareJid bob = romeo.contact("b1@hotmail.com").asEntityBareJidOrThrow();
        VCardManager vcards = VCardManager.getInstanceFor(romeo.client);
        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.transport.gateway().sessions().user("romeo1@localhost")
                .flatMap(u -> u.contact(org.imbridge.core.model.LegacyAddress.of("b1@hotmail.com"))).isPresent());

        assertThat(vcards.isSupported(bob)).isTrue();
        VCard card = vcards.loadVCard(bob);

        assertThat(card.getField("FN")).isEqualTo("Bob One");
        assertThat(card.getNickName()).isEqualTo("Bob One");
        assertThat(card.getEmailHome()).isEqualTo("b1@hotmail.com");
        assertThat(card.getPhoneHome("VOICE")).isEqualTo("555 0100");
        assertThat(card.getPhoneWork("VOICE")).isEqualTo("555 0101");
        assertThat(card.getPhoneHome("CELL")).isEqualTo("+1 555 0102");

        // someone not on the list
        XMPPException.XMPPErrorException notOnList = catchThrowableOfType(XMPPException.XMPPErrorException.class,
                () -> vcards.loadVCard(romeo.contact("b2@hotmail.com").asEntityBareJidOrThrow()));
        assertThat(notOnList.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    void theTransportHasAVCardAndStrangersAreToldToRegister() throws Exception {
        XmppUser stranger = XmppUser.onboard(bridge, "romeo2", "r2@hotmail.com", "pw");
        bridge.unregister(stranger.client);

        VCard request = new VCard();
        request.setTo(bridge.transportJid);
        IQ answer = stranger.client.createStanzaCollectorAndSend(request).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
        assertThat(((VCard) answer).getField("FN")).isEqualTo("MSN Messenger Transport");

        XMPPException.XMPPErrorException unregistered = catchThrowableOfType(
                XMPPException.XMPPErrorException.class, () -> VCardManager.getInstanceFor(stranger.client)
                        .loadVCard(stranger.contact("b2@hotmail.com").asEntityBareJidOrThrow()));
        assertThat(unregistered.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
    }

    @Test
    void aContactsNewFriendlyNameArrivesAsANickInItsPresence() throws Exception {
        XmppUser romeo = XmppUser.onboard(bridge, "romeo3", "r3@hotmail.com", "pw");
        Jid bobJid = romeo.contact("b3@hotmail.com");
        try (MsnPeer bob = new MsnPeer(bridge, "b3@hotmail.com", "pw")) {
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available"));

            bob.rename("Bobby Tables");

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.presences).anySatisfy(p -> {
                assertThat(p.getFrom().asBareJid().toString()).isEqualTo(bobJid.asBareJid().toString());
                assertThat(p.getType()).isEqualTo(Presence.Type.available);
                assertThat(p.getExtension(Nick.class)).isNotNull();
                assertThat(p.getExtension(Nick.class).getName()).isEqualTo("Bobby Tables");
            }));
            VCard card = VCardManager.getInstanceFor(romeo.client).loadVCard(bobJid.asEntityBareJidOrThrow());
            assertThat(card.getField("FN")).isEqualTo("Bobby Tables");
        }
    }
}
