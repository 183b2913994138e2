package org.imbridge.xmpp.gateway.privilege;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.xmpp.gateway.Stanzas;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

class PrivilegeStateTest {

    private static final DomainBareJid LOCALHOST = JidCreate.domainBareFromOrThrowUnchecked("localhost");
    private static final DomainBareJid OTHER = JidCreate.domainBareFromOrThrowUnchecked("other.example");

    private final PrivilegeState state = new PrivilegeState();

    @Test
    void recordsWhatAServerGrantsUnderItsDomain() {
        assertThat(state.accept(advertisement("localhost", "urn:xmpp:privilege:2", "both"))).isTrue();

        assertThat(state.rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.BOTH);
        assertThat(state.rosterAccess(OTHER)).isEqualTo(RosterAccess.NONE);
    }

    @Test
    void theOldNamespaceIsRecordedButGrantsNothing() {
        assertThat(state.accept(advertisement("localhost", "urn:xmpp:privilege:1", "both"))).isTrue();

        assertThat(state.advertised(LOCALHOST)).get().extracting(Privilege::isCurrentVersion).isEqualTo(false);
        assertThat(state.rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.NONE);
    }

    @Test
    void aLaterAdvertisementReplacesTheEarlierOne() {
        state.accept(advertisement("localhost", "urn:xmpp:privilege:2", "both"));
        state.accept(advertisement("localhost", "urn:xmpp:privilege:2", "get"));

        assertThat(state.rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.GET);
    }

    @Test
    void onlyServersCanGrant() {
        Message fromUser = Stanzas.parse("<message from='mallory@localhost/x' to='msn.localhost' xmlns='jabber:client'>"
                + "<privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/></privilege></message>");

        assertThat(state.accept(fromUser)).isFalse();
        assertThat(state.rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.NONE);
    }

    @Test
    void ordinaryMessagesAreNotAdvertisements() {
        assertThat(state.accept(Stanzas.parse("<message from='localhost' to='msn.localhost' xmlns='jabber:client'>"
                + "<body>maintenance at noon</body></message>"))).isFalse();
    }

    @Test
    void resetForgetsEveryGrant() {
        state.accept(advertisement("localhost", "urn:xmpp:privilege:2", "both"));
        state.accept(advertisement("other.example", "urn:xmpp:privilege:2", "set"));

        state.reset();

        assertThat(state.rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.NONE);
        assertThat(state.advertised(OTHER)).isEmpty();
    }

    static Message advertisement(String server, String namespace, String rosterType) {
        return Stanzas.parse("<message from='" + server + "' to='msn.localhost' xmlns='jabber:client'>"
                + "<privilege xmlns='" + namespace + "'><perm access='roster' type='" + rosterType + "'/>"
                + "<perm access='message' type='outgoing'/></privilege></message>");
    }
}
