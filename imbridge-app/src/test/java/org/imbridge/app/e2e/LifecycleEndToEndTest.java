package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * What happens around a session: our MSN network restarts and the user comes back by themselves,
 * Hotmail notices arrive as headlines, and removing the registration leaves nothing behind.
 */
class LifecycleEndToEndTest {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("l1@hotmail.com", "pw", "Lima One").withContacts("m1@hotmail.com"),
                AccountSpec.of("m1@hotmail.com", "pw", "Mike One").withContacts("l1@hotmail.com"),
                AccountSpec.of("l2@hotmail.com", "pw", "Lima Two").withContacts("m2@hotmail.com"),
                AccountSpec.of("m2@hotmail.com", "pw", "Mike Two").withContacts("l2@hotmail.com")),
                List.of("*@localhost"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void theUserIsBackOnlineAfterTheMsnNetworkRestartsAndGetsMailNotices() throws Exception {
        XmppUser lima = XmppUser.onboard(bridge, "lima1", "l1@hotmail.com", "pw");
        Jid transport = bridge.transportJid;

        bridge.msn.sendEmailNotification("l1@hotmail.com", "mike@example.com", "Lunch?");
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(lima.messages).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo(Message.Type.headline);
            assertThat(m.getFrom().toString()).isEqualTo(transport.toString());
            assertThat(m.getBody()).contains("Lunch?");
        }));

        int beforeRestart = lima.presenceMark();
        bridge.restartMsn();
        // The transport is back within a fraction of a second, so the offline spell is found in the history.
        int offline = lima.awaitPresence(beforeRestart, XmppUser.from(transport, Presence.Type.unavailable));
        assertThat(lima.presence(offline).getStatus()).isNotNull().contains("shutting down");
        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.isOnline("l1@hotmail.com"));
        lima.awaitPresence(offline + 1, XmppUser.from(transport, Presence.Type.available));
    }

    @Test
    void removingTheRegistrationLeavesNothingBehind() throws Exception {
        XmppUser lima = XmppUser.onboard(bridge, "lima2", "l2@hotmail.com", "pw");
        Jid mike = lima.contact("m2@hotmail.com");
        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.store.syncedContacts("lima2@localhost", "msn")
                .contains("m2@hotmail.com"));
        await().atMost(BridgeHarness.TIMEOUT).until(() -> lima.presences.stream().anyMatch(p ->
                p.getType() == Presence.Type.subscribed && p.getFrom().asBareJid().equals(mike.asBareJid())));

        bridge.unregister(lima.client);

        await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("l2@hotmail.com"));
        assertThat(bridge.store.find("lima2@localhost", "msn")).isEmpty();
        assertThat(bridge.store.syncedContacts("lima2@localhost", "msn")).isEmpty();
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(lima.presences)
                .filteredOn(p -> p.getFrom().asBareJid().equals(mike.asBareJid()))
                .extracting(Presence::getType)
                .contains(Presence.Type.unsubscribe, Presence.Type.unsubscribed));
        assertThat(bridge.transport.gateway().sessions().user("lima2@localhost")).isEmpty();
    }
}
