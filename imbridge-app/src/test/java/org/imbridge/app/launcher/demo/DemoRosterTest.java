package org.imbridge.app.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.imbridge.xmpp.testing.ProsodyClients;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The demo's ready-made user has the roster a person who registers by hand gets: each contact named and
 * subscribed both ways, and in its MSN groups when Prosody grants the transport roster privileges.
 */
class DemoRosterTest {

    private static final DemoOptions OPTIONS = new DemoOptions(false, 0, 0, Duration.ofMillis(300), Duration.ofSeconds(15));

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private XMPPTCPConnection client;

    @Test
    void withRosterPrivilegesTheDemoUsersContactsAreNamedGroupedAndSubscribedBothWays() throws Exception {
        try (Demo demo = new Demo(OPTIONS, new PrintStream(output, true, StandardCharsets.UTF_8))) {
            assertThat(demo.start()).as(output.toString(StandardCharsets.UTF_8)).isZero();

            Roster roster = rosterOfTheDemoUser(demo);

            // alice has a group of her own, so group 0 is a real one, "Other Contacts" (docs/msnp.md §5.3)
            assertEntry(roster, "bob%hotmail.com@msn.localhost", "Bob", "Other Contacts");
            assertEntry(roster, "carol%hotmail.com@msn.localhost", "Carol", "Friends");
            assertEntry(roster, "echo%hotmail.com@msn.localhost", "Echo Bot", "Other Contacts");
            assertThat(roster.getEntry(JidCreate.bareFrom(Demo.TRANSPORT)).getType()).isEqualTo(RosterPacket.ItemType.both);
        }
    }

    @Test
    void withoutThemTheContactsAreNamedFromTheirRequestsAndSubscribedBothWays() throws Exception {
        try (Demo demo = new Demo(OPTIONS, new PrintStream(output, true, StandardCharsets.UTF_8)).withoutPrivilege()) {
            assertThat(demo.start()).as(output.toString(StandardCharsets.UTF_8)).isZero();

            Roster roster = rosterOfTheDemoUser(demo);

            // groups need roster privileges: subscription requests carry only a nickname (XEP-0172)
            assertEntry(roster, "bob%hotmail.com@msn.localhost", "Bob");
            assertEntry(roster, "carol%hotmail.com@msn.localhost", "Carol");
            assertEntry(roster, "echo%hotmail.com@msn.localhost", "Echo Bot");
        }
    }

    /** The demo user's roster as the server has it, read by a client of its own once the demo is up. */
    private Roster rosterOfTheDemoUser(Demo demo) throws Exception {
        client = ProsodyClients.newClient(demo.prosody(), Demo.DEMO_USER, Demo.DEMO_USER);
        client.connect().login();
        Roster roster = Roster.getInstanceFor(client);
        roster.reloadAndWait();
        return roster;
    }

    @AfterEach
    void disconnect() {
        if (client != null) {
            client.disconnect();
        }
    }

    private static void assertEntry(Roster roster, String jid, String name, String... groups) throws Exception {
        RosterEntry entry = roster.getEntry(JidCreate.bareFrom(jid));
        assertThat(entry).as(jid).isNotNull();
        assertThat(entry.getName()).as(jid).isEqualTo(name);
        assertThat(entry.getType()).as(jid).isEqualTo(RosterPacket.ItemType.both);
        assertThat(entry.getGroups()).as(jid).extracting(RosterGroup::getName).containsExactlyInAnyOrder(groups);
    }
}
