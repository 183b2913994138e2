package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.ContactSpec;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * MSN groups as roster groups through real Prosody with the roster privilege: the contact lands in its
 * MSN group; the user's client moves it with an XEP-0144 {@code modify} (Prosody's mod_privilege sends
 * the component no roster pushes); MSN then has the contact in the new group, created for it, and the
 * roster follows MSN's answer.
 */
class ContactGroupsEndToEndTest {

    private static final String BOB = "bob%hotmail.com@msn.localhost";

    private static List<AccountSpec> accounts() {
        AccountSpec romeo = new AccountSpec("romeo@hotmail.com", "right", "Romeo", true, List.of(
                new ContactSpec("bob@hotmail.com", null, List.of("Friends"))),
                List.of("Friends", "Work"), List.of(), PrivacyMode.AL, ReversePrompt.A, null, 0, Map.of());
        return List.of(romeo, AccountSpec.of("bob@hotmail.com", "bobpw", "Bob"));
    }

    @Test
    void aContactMovedByTheUsersClientMovesOnMsnAndTheRosterFollows() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness(PrivateProsody.builder().privilege(true), accounts(),
                List.of("romeo@localhost"))) {
            XMPPTCPConnection romeo = bridge.login("romeo", "pw");
            Roster roster = Roster.getInstanceFor(romeo);
            roster.reloadAndWait();
            bridge.register(romeo, "romeo@hotmail.com", "right");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
            assertThat(bridge.transport.gateway().roster().method("romeo@localhost")).isEqualTo(Method.PRIVILEGED);
            romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(groups(roster)).containsExactly("Friends"));

            romeo.sendStanza(StanzaBuilder.buildMessage().to(bridge.transportJid)
                    .addExtension(StandardExtensionElement.builder("x", "http://jabber.org/protocol/rosterx")
                            .addElement(StandardExtensionElement.builder("item", "http://jabber.org/protocol/rosterx")
                                    .addAttribute("action", "modify").addAttribute("jid", BOB).addAttribute("name", "Bob")
                                    .addElement("group", "Family").addElement("group", "Work").build())
                            .build())
                    .build());

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() ->
                    assertThat(bobsGroupsOnMsn(bridge)).containsExactlyInAnyOrder("Family", "Work"));
            assertThat(bridge.msn.listOf("romeo@hotmail.com", ListType.FL)).contains("bob@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() ->
                    assertThat(groups(roster)).containsExactlyInAnyOrder("Family", "Work"));
        }
    }

    @Test
    void aContactTheUserMovesInTheirRosterMovesOnMsnOnceTheirClientSendsPresence() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness(PrivateProsody.builder().privilege(true), accounts(),
                List.of("romeo@localhost"))) {
            XMPPTCPConnection romeo = bridge.login("romeo", "pw");
            Roster roster = onlineWithBobInFriends(bridge, romeo);

            // a plain roster change from the client: Prosody tells the component nothing about it
            roster.createItem(JidCreate.bareFrom(BOB), "Bob", new String[] {"Family"});
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(groups(roster)).containsExactly("Family"));
            romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid)
                    .setMode(org.jivesoftware.smack.packet.Presence.Mode.away).build());

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(bobsGroupsOnMsn(bridge)).containsExactly("Family"));
            assertThat(groups(roster)).containsExactly("Family");
        }
    }

    @Test
    void aContactMovedOnMsnWhileTheUserWasAwayIsInItsNewGroupWhenTheyComeBack() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness(PrivateProsody.builder().privilege(true), accounts(),
                List.of("romeo@localhost"))) {
            XMPPTCPConnection romeo = bridge.login("romeo", "pw");
            Roster roster = onlineWithBobInFriends(bridge, romeo);
            romeo.sendStanza(StanzaBuilder.buildPresence().ofType(org.jivesoftware.smack.packet.Presence.Type.unavailable)
                    .to(bridge.transportJid).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));

            // as MSN Messenger elsewhere would: Bob moves from Friends to Work
            bridge.moveOnMsn("romeo@hotmail.com", "bob@hotmail.com", "Friends", "Work");
            assertThat(bobsGroupsOnMsn(bridge)).containsExactly("Work");

            romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(groups(roster)).containsExactly("Work"));
            assertThat(bobsGroupsOnMsn(bridge)).containsExactly("Work");
        }
    }

    /** Registers romeo, brings him online and waits for Bob in Friends on his roster. */
    private static Roster onlineWithBobInFriends(BridgeHarness bridge, XMPPTCPConnection romeo) throws Exception {
        Roster roster = Roster.getInstanceFor(romeo);
        roster.reloadAndWait();
        bridge.register(romeo, "romeo@hotmail.com", "right");
        romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(groups(roster)).containsExactly("Friends"));
        return roster;
    }


    private static List<String> groups(Roster roster) throws Exception {
        RosterEntry entry = roster.getEntry(JidCreate.bareFrom(BOB));
        return entry == null ? List.of() : entry.getGroups().stream().map(RosterGroup::getName).toList();
    }

    private static List<String> bobsGroupsOnMsn(BridgeHarness bridge) {
        return bridge.msnGroups("romeo@hotmail.com", "bob@hotmail.com");
    }
}
