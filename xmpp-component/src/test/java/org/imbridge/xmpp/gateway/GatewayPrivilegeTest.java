package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;


import org.imbridge.xmpp.gateway.privilege.RosterAccess;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** The gateway takes the server's XEP-0356 advertisement, and forgets it when the stream is re-established. */
class GatewayPrivilegeTest {

    private static final DomainBareJid LOCALHOST = JidCreate.domainBareFromOrThrowUnchecked("localhost");

    private final GatewayFixture fixture = new GatewayFixture();
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theAdvertisementAfterTheHandshakeSelectsPrivilegedPushesForThatServersUsers() {
        gateway.streamOnline();
        gateway.accept(Stanzas.parse("<message from='localhost' to='msn.localhost' xmlns='jabber:client'>"
                + "<privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/>"
                + "<perm access='message' type='outgoing'/></privilege></message>"));

        assertThat(sink.sent()).as("nothing to answer").isEmpty();
        assertThat(gateway.privileges().rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.BOTH);
        assertThat(gateway.roster().method("romeo@localhost")).isEqualTo(Method.PRIVILEGED);
        assertThat(gateway.roster().method("romeo@elsewhere.example")).isEqualTo(Method.SUBSCRIPTION);

        gateway.streamOnline();

        assertThat(gateway.privileges().rosterAccess(LOCALHOST)).isEqualTo(RosterAccess.NONE);
        assertThat(gateway.roster().method("romeo@localhost")).isEqualTo(Method.SUBSCRIPTION);
    }

    @Test
    void anUnexpectedAnswerIsLeftAlone() {
        gateway.accept(Stanzas.parse("<iq type='result' id='nobody-asked' from='romeo@localhost' to='msn.localhost'"
                + " xmlns='jabber:client'/>"));

        assertThat(sink.sent()).isEmpty();
    }
}
