package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.ContactSpec;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Contact lists against real Prosody and our MSN network. With mod_privilege granting the component
 * roster access, every forward-list contact appears in the user's roster (friendly name, MSN group)
 * without a single subscription request, and a friendly-name change renames the item. Without it, each
 * contact asks for a subscription with its nickname, once: a returning user is not asked again, not
 * even about a contact they declined.
 */
class RosterEndToEndTest {

    private static final String ALICE = "alice%hotmail.com@msn.localhost";
    private static final String BOB = "bob%hotmail.com@msn.localhost";
    private static final String CAROL = "carol%hotmail.com@msn.localhost";

    private static List<AccountSpec> accounts() {
        AccountSpec romeo = new AccountSpec("romeo@hotmail.com", "right", "Romeo", true, List.of(
                new ContactSpec("alice@hotmail.com", null, List.of("Friends")),
                new ContactSpec("bob@hotmail.com", null, List.of("Work", "Friends")),
                new ContactSpec("carol@hotmail.com", null, List.of())),
                List.of("Friends", "Work"), List.of(), PrivacyMode.AL, ReversePrompt.A, null, 0, Map.of());
        return List.of(romeo,
                AccountSpec.of("alice@hotmail.com", "alicepw", "Alice Liddell"),
                AccountSpec.of("bob@hotmail.com", "bobpw", "Bob & Co <3"),
                AccountSpec.of("carol@hotmail.com", "carolpw", "Carol"));
    }

    @Test
    void privilegedPushesFillTheRosterAndRenamesFollow() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness(PrivateProsody.builder().privilege(true), accounts(),
                List.of("romeo@localhost"))) {
            XMPPTCPConnection romeo = bridge.login("romeo", "pw");
            List<Presence> presences = collectPresences(romeo);
            Roster roster = Roster.getInstanceFor(romeo);
            roster.reloadAndWait();
            bridge.register(romeo, "romeo@hotmail.com", "right");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
            assertThat(bridge.transport.gateway().roster().method("romeo@localhost")).isEqualTo(Method.PRIVILEGED);

            romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> {
                assertThat(roster.getEntries()).extracting(e -> e.getJid().toString())
                        .containsExactlyInAnyOrder(ALICE, BOB, CAROL);
                assertEntry(roster, ALICE, "Alice Liddell", "Friends");
                assertEntry(roster, BOB, "Bob & Co <3", "Work", "Friends");
                assertEntry(roster, CAROL, "Carol", "Other Contacts");
            });
            assertThat(roster.getEntry(jid(ALICE)).getType()).isEqualTo(RosterPacket.ItemType.both);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.store.syncedContacts("romeo@localhost", "msn").size() == 3);
            assertThat(presences).noneMatch(p -> p.getType() == Presence.Type.subscribe
                    && !p.getFrom().equals(bridge.transportJid));

            renameOnMsn(bridge, "alice@hotmail.com", "alicepw", "Alice in Wonderland");
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertEntry(roster, ALICE, "Alice in Wonderland", "Friends"));

            // a returning user: the list at login carries Alice's stored nickname, which must not undo the rename
            List<String> pushed = new CopyOnWriteArrayList<>();
            romeo.addAsyncStanzaListener(push -> ((RosterPacket) push).getRosterItems().forEach(item ->
                    pushed.add(item.getName())), push -> push instanceof RosterPacket r && r.getType() == IQ.Type.set);
            romeo.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).to(bridge.transportJid).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
            presences.clear();
            romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> presences.stream().anyMatch(p ->
                    p.getFrom().equals(bridge.transportJid) && p.getType() == Presence.Type.available));
            renameOnMsn(bridge, "alice@hotmail.com", "alicepw", "Alice III");
            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertEntry(roster, ALICE, "Alice III", "Friends"));
            assertThat(pushed).doesNotContain("Alice Liddell");
            assertThat(roster.getEntries()).hasSize(3);
            assertThat(presences).noneMatch(p -> p.getType() == Presence.Type.subscribe && p.getFrom().hasLocalpart());
            assertThat(bridge.transport.gateway().roster().method("romeo@localhost")).isEqualTo(Method.PRIVILEGED);
        }
    }

    @Test
    void withoutPrivilegeContactsAskOnceWithTheirNicknames() throws Exception {
        try (BridgeHarness bridge = new BridgeHarness(PrivateProsody.builder(), accounts(), List.of("romeo@localhost"))) {
            XMPPTCPConnection romeo = bridge.login("romeo", "pw");
            List<Presence> presences = collectPresences(romeo);
            bridge.register(romeo, "romeo@hotmail.com", "right");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
            assertThat(bridge.transport.gateway().roster().method("romeo@localhost")).isEqualTo(Method.SUBSCRIPTION);

            romeo.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(contactSubscribes(presences))
                    .extracting(p -> p.getFrom().toString() + " = " + p.getExtension(Nick.class).getName())
                    .containsExactlyInAnyOrder(ALICE + " = Alice Liddell", BOB + " = Bob & Co <3", CAROL + " = Carol"));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.store.syncedContacts("romeo@localhost", "msn").size() == 3);
            // the user approves two and declines Bob: the server would deliver a new request from Bob
            for (Presence request : contactSubscribes(presences)) {
                Presence.Type answer = request.getFrom().toString().equals(BOB) ? Presence.Type.unsubscribed : Presence.Type.subscribed;
                romeo.sendStanza(StanzaBuilder.buildPresence().ofType(answer).to(request.getFrom()).build());
            }
            await().atMost(BridgeHarness.TIMEOUT).until(() -> Roster.getInstanceFor(romeo).getEntries().size() == 2);

            romeo.disconnect();
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
            XMPPTCPConnection again = ProsodyClients.newClient(bridge.prosody, "romeo", "pw");
            Roster.getInstanceFor(again).setSubscriptionMode(Roster.SubscriptionMode.manual);
            List<Presence> later = collectPresences(again);
            try {
                again.connect().login();
                again.sendStanza(StanzaBuilder.buildPresence().to(bridge.transportJid).build());

                // the transport says it is online only after the contact list was handled
                await().atMost(BridgeHarness.TIMEOUT).until(() -> later.stream().anyMatch(p ->
                        p.getFrom().equals(bridge.transportJid) && p.getType() == Presence.Type.available));
                assertThat(bridge.msn.isOnline("romeo@hotmail.com")).isTrue();
                assertThat(contactSubscribes(later)).isEmpty();
            } finally {
                again.disconnect();
            }
        }
    }

    /** The contact's own MSN client comes online and changes its friendly name (REA), then logs out. */
    private static void renameOnMsn(BridgeHarness bridge, String account, String password, String name) throws Exception {
        try (MsnClient msn = new MsnClient()) {
            NotificationSession contact = msn.login(account, password, bridge.msnDispatch(), new NotificationListener() { })
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            contact.changeStatus(MsnStatus.NLN).toCompletableFuture().get(10, TimeUnit.SECONDS);
            contact.setFriendlyName(name).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static List<Presence> collectPresences(XMPPTCPConnection client) {
        List<Presence> presences = new CopyOnWriteArrayList<>();
        client.addAsyncStanzaListener((StanzaListener) p -> presences.add((Presence) p), StanzaTypeFilter.PRESENCE);
        return presences;
    }

    private static List<Presence> contactSubscribes(List<Presence> presences) {
        return presences.stream().filter(p -> p.getType() == Presence.Type.subscribe && p.getFrom().hasLocalpart())
                .toList();
    }

    private static void assertEntry(Roster roster, String jid, String name, String... groups) {
        RosterEntry entry = roster.getEntry(jid(jid));
        assertThat(entry).as(jid).isNotNull();
        assertThat(entry.getName()).isEqualTo(name);
        assertThat(entry.getGroups()).extracting(RosterGroup::getName).containsExactlyInAnyOrder(groups);
    }

    private static BareJid jid(String jid) {
        return JidCreate.bareFromOrThrowUnchecked(jid);
    }
}
