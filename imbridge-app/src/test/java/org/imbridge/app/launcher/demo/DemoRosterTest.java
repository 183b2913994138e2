package org.imbridge.app.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The demo's ready-made user has the roster a person who registers by hand gets: named, grouped, both ways. */
class DemoRosterTest {

    @Test
    void theDemoUsersContactsAreNamedGroupedAndSubscribedBothWays() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Demo demo = new Demo(new DemoOptions(false, 0, 0, Duration.ofMillis(300), Duration.ofSeconds(15)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertThat(demo.start()).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
            XMPPTCPConnection client = ProsodyClients.newClient(demo.prosody(), Demo.DEMO_USER, Demo.DEMO_USER);
            try {
                client.connect().login();
                Roster roster = Roster.getInstanceFor(client);
                roster.reloadAndWait();

                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertEntry(roster, "bob%hotmail.com@msn.localhost", "Bob", "Other Contacts");
                    assertEntry(roster, "carol%hotmail.com@msn.localhost", "Carol", "Friends");
                    assertEntry(roster, "echo%hotmail.com@msn.localhost", "Echo Bot", "Other Contacts");
                });
                RosterEntry transport = roster.getEntry(JidCreate.bareFrom(Demo.TRANSPORT));
                assertThat(transport).isNotNull();
                assertThat(transport.getType()).isEqualTo(RosterPacket.ItemType.both);
            } finally {
                client.disconnect();
            }
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
