package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.ContactSpec;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;

/**
 * MSN groups on ejabberd, which grants no roster privilege: a client that announces XEP-0144 gets the
 * contacts with their names and MSN groups in a roster item exchange, its {@code modify} moves a
 * contact between MSN groups, and a move made on MSN while the user was away comes as a {@code modify}
 * at their next login.
 */
class EjabberdContactGroupsEndToEndTest {

    private static final String ROSTERX = "http://jabber.org/protocol/rosterx";
    private static final String BOB = "bob%hotmail.com@msn.localhost";

    @Test
    void aClientTakingRosterItemExchangeGetsTheGroupsAndItsModifyMovesTheContact() throws Exception {
        String reason = PrivateEjabberd.unavailableReason();
        assumeTrue(reason == null, () -> "no private ejabberd here: " + reason);
        AccountSpec romeoSpec = new AccountSpec("romeo@hotmail.com", "right", "Romeo", true, List.of(
                new ContactSpec("bob@hotmail.com", null, List.of("Friends"))),
                List.of("Friends", "Work"), List.of(), PrivacyMode.AL, ReversePrompt.A, null, 0, Map.of());
        try (BridgeHarness bridge = new BridgeHarness(PrivateEjabberd.builder(),
                List.of(romeoSpec, AccountSpec.of("bob@hotmail.com", "bobpw", "Bob")), List.of("romeo@localhost"))) {
            XMPPTCPConnection romeo = bridge.login("romeo", "pw");
            ServiceDiscoveryManager.getInstanceFor(romeo).addFeature(ROSTERX);
            EntityCapsManager.getInstanceFor(romeo).enableEntityCaps();
            List<String> exchanges = new CopyOnWriteArrayList<>();
            romeo.addAsyncStanzaListener((StanzaListener) s -> {
                if (s.getExtensionElement("x", ROSTERX) != null) {
                    exchanges.add(s.getExtensionElement("x", ROSTERX).toXML().toString());
                }
            }, StanzaTypeFilter.MESSAGE);
            // as a client does: it accepts the transport's subscription request and asks for one back; the
            // server then hands the transport the client's presence, capabilities included
            romeo.addAsyncStanzaListener((StanzaListener) s -> {
                Presence p = (Presence) s;
                if (p.getType() == Presence.Type.subscribe && p.getFrom().equals(bridge.transportJid)) {
                    romeo.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(p.getFrom()).build());
                    romeo.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(p.getFrom()).build());
                }
            }, StanzaTypeFilter.PRESENCE);
            bridge.register(romeo, "romeo@hotmail.com", "right");

            await().atMost(BridgeHarness.TIMEOUT).until(() -> exchanges.stream().anyMatch(x ->
                    x.contains("jid='" + BOB + "'") && x.contains("<group>Friends</group>") && x.contains("name='Bob'")));
            assertThat(bridge.transport.gateway().roster().method("romeo@localhost")).isEqualTo(Method.EXCHANGE);

            romeo.sendStanza(StanzaBuilder.buildMessage().to(bridge.transportJid)
                    .addExtension(StandardExtensionElement.builder("x", ROSTERX)
                            .addElement(StandardExtensionElement.builder("item", ROSTERX)
                                    .addAttribute("action", "modify").addAttribute("jid", BOB).addAttribute("name", "Bob")
                                    .addElement("group", "Work").build())
                            .build())
                    .build());

            await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(bobsGroupsOnMsn(bridge)).containsExactly("Work"));
            assertThat(bridge.msn.listOf("romeo@hotmail.com", ListType.FL)).contains("bob@hotmail.com");

            // away, Bob is moved back to Friends on MSN (as MSN Messenger elsewhere would); at the next login
            // the client gets a modify for him
            romeo.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).to(bridge.transportJid).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
            bridge.moveOnMsn("romeo@hotmail.com", "bob@hotmail.com", "Work", "Friends");
            int mark = exchanges.size();

            romeo.sendStanza(StanzaBuilder.buildPresence().build()); // to everyone subscribed, the transport too

            await().atMost(BridgeHarness.TIMEOUT).until(() -> exchanges.subList(mark, exchanges.size()).stream()
                    .anyMatch(x -> x.contains("action='modify'") && x.contains("jid='" + BOB + "'")
                            && x.contains("<group>Friends</group>") && !x.contains("<group>Work</group>")));
        }
    }

    private static List<String> bobsGroupsOnMsn(BridgeHarness bridge) {
        return bridge.msnGroups("romeo@hotmail.com", "bob@hotmail.com");
    }
}
