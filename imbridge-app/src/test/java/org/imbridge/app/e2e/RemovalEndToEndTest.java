package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;

import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.store.PostgresServer;
import org.imbridge.store.RegistrationStores;
import org.imbridge.store.StoreConfig;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;

/**
 * A registration removed while the transport runs, by "another process" (as {@code imbridge users
 * remove} on a PostgreSQL deployment, on a private PostgreSQL server): a second store on the
 * transport's database deletes it, and the running
 * transport, following the removal log, logs the user out of MSN, tells them, and retracts the roster
 * entries; the user's next message to a contact bounces as not registered.
 */
class RemovalEndToEndTest {

    @TempDir
    static Path data;

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static StoreConfig storeConfig;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        storeConfig = StoreConfig.jdbc(POSTGRES.newDatabase(), PostgresServer.USER, null, data.resolve("store.key"));
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com")),
                List.of("*@localhost"), component -> { }, RegistrationStores.open(storeConfig));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aUserRemovedByAnotherProcessIsLoggedOutToldAndRetracted() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.lastPresenceFrom(bobJid).equals("available"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.store.syncedContacts("romeo1@localhost", "msn")
                    .contains("b1@hotmail.com"));
            Roster roster = Roster.getInstanceFor(romeo.client);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> roster.getEntry(bobJid.asBareJid()) != null
                    && roster.getEntry(bobJid.asBareJid()).getType() == RosterPacket.ItemType.both);
            int mark = romeo.presenceMark();

            try (RegistrationStore otherProcess = RegistrationStores.open(storeConfig)) {
                assertThat(otherProcess.remove("romeo1@localhost", "msn")).isTrue();
            }

            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("r1@hotmail.com"));
            romeo.awaitPresence(mark, XmppUser.from(bobJid, Presence.Type.unavailable));
            romeo.awaitPresence(mark, XmppUser.from(bridge.transportJid, Presence.Type.unavailable));
            for (Jid retracted : List.of(bobJid, bridge.transportJid)) {
                romeo.awaitPresence(mark, XmppUser.from(retracted, Presence.Type.unsubscribe));
                romeo.awaitPresence(mark, XmppUser.from(retracted, Presence.Type.unsubscribed));
            }
            await().atMost(BridgeHarness.TIMEOUT).until(() -> roster.getEntry(bobJid.asBareJid()) == null
                    || roster.getEntry(bobJid.asBareJid()).getType() == RosterPacket.ItemType.none);
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.chatFrom(bridge.transportJid))
                    .anySatisfy(m -> assertThat(m.getBody()).contains("removed by an administrator")
                            .contains("register with " + bridge.transportJid + " again")));

            Message late = StanzaBuilder.buildMessage("late-1").ofType(Message.Type.chat).to(bobJid)
                    .setBody("still there?").build();
            romeo.send(late);
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(romeo.chatFrom(bobJid))
                    .anySatisfy(m -> {
                        assertThat(m.getStanzaId()).isEqualTo("late-1");
                        assertThat(m.getType()).isEqualTo(Message.Type.error);
                        assertThat(m.getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
                        assertThat(m.getError().getDescriptiveText()).contains("not registered")
                                .contains(bridge.transportJid.toString());
                    }));
            assertThat(bob.texts).doesNotContain("still there?");
        }
    }
}
