package org.imbridge.xmpp.gateway.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.imbridge.xmpp.gateway.GatewayProviders;
import org.imbridge.xmpp.gateway.roster.RosterExchange.Action;
import org.imbridge.xmpp.gateway.roster.RosterExchange.Item;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

/** The XEP-0144 element on the wire and back. */
class RosterExchangeTest {

    @Test
    void itemsAreWrittenWithActionJidNameAndGroups() {
        RosterExchange x = new RosterExchange(List.of(
                new Item(Action.ADD, "bob%hotmail.com@msn.localhost", "Bob", Set.of("Work", "Friends")),
                new Item(Action.DELETE, "erin%hotmail.com@msn.localhost", null, Set.of())));

        assertThat(x.toXML().toString()).isEqualTo("<x xmlns='http://jabber.org/protocol/rosterx'>"
                + "<item action='add' jid='bob%hotmail.com@msn.localhost' name='Bob'>"
                + "<group>Friends</group><group>Work</group></item>"
                + "<item action='delete' jid='erin%hotmail.com@msn.localhost'/></x>");
    }

    @Test
    void aMessageWithItemsIsParsedAndAMissingActionMeansAdd() throws Exception {
        GatewayProviders.register();
        Message m = PacketParserUtils.parseStanza("<message xmlns='jabber:client' from='romeo@localhost/r'"
                + " to='msn.localhost'><x xmlns='http://jabber.org/protocol/rosterx'>"
                + "<item action='modify' jid='bob%hotmail.com@msn.localhost' name='Bob'><group>Work</group>"
                + "<group>Family</group></item><item jid='carol%hotmail.com@msn.localhost'/><item action='add'/>"
                + "</x></message>");

        assertThat(RosterExchange.from(m).items()).containsExactly(
                new Item(Action.MODIFY, "bob%hotmail.com@msn.localhost", "Bob", Set.of("Work", "Family")),
                new Item(Action.ADD, "carol%hotmail.com@msn.localhost", null, Set.of()));
    }
}
