package org.imbridge.xmpp.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.FakeNetwork;
import org.imbridge.xmpp.gateway.RecordingSink;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.roster.RosterSync;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Authorization requests: sent as {@code subscribe}, remembered until answered, bounded, forgotten on unregistration. */
class StanzaOutputTest {

    private static final String ROMEO = "romeo@example.org";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");

    private final RecordingSink sink = new RecordingSink();
    private final StanzaOutput output = new StanzaOutput(
            new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org")), sink, new RosterSync() {
                @Override
                public void sync(String userJid, Collection<Contact> contacts) {
                }

                @Override
                public void updated(String userJid, Contact contact) {
                }

                @Override
                public void removed(String userJid, LegacyAddress contact) {
                }
            }, FakeNetwork.PROFILE);

    @Test
    void aRequestIsASubscribeRememberedUntilAnswered() {
        output.authorizationRequest(ROMEO, BOB, "Bob");

        Presence subscribe = (Presence) sink.last();
        assertThat(subscribe.getType()).isEqualTo(Presence.Type.subscribe);
        assertThat(subscribe.getFrom().toString()).isEqualTo("bob%hotmail.com@msn.example.org");
        assertThat(output.pendingRequests(ROMEO)).isEqualTo(1);
        assertThat(output.takePendingRequest(ROMEO, BOB)).isTrue();
        assertThat(output.takePendingRequest(ROMEO, BOB)).isFalse();
    }

    @Test
    void anUnregisteredUsersRequestsAreForgotten() {
        output.authorizationRequest(ROMEO, BOB, "Bob");
        output.authorizationRequest("juliet@example.org", BOB, "Bob");

        output.forgetUser(ROMEO);

        assertThat(output.pendingRequests(ROMEO)).isZero();
        assertThat(output.takePendingRequest(ROMEO, BOB)).isFalse();
        assertThat(output.pendingRequests("juliet@example.org")).isEqualTo(1);
    }

    @Test
    void atMostAThousandRequestsAreKeptPerUserTheOldestGoFirst() {
        int max = PendingAuthorizations.DEFAULT_MAX_PER_USER;
        for (int n = 0; n <= max; n++) {
            output.authorizationRequest(ROMEO, LegacyAddress.of("c" + n + "@hotmail.com"), null);
        }

        assertThat(max).isEqualTo(1_000);
        assertThat(output.pendingRequests(ROMEO)).isEqualTo(max);
        assertThat(output.takePendingRequest(ROMEO, LegacyAddress.of("c0@hotmail.com"))).isFalse();
        assertThat(output.takePendingRequest(ROMEO, LegacyAddress.of("c1@hotmail.com"))).isTrue();
        assertThat(output.takePendingRequest(ROMEO, LegacyAddress.of("c" + max + "@hotmail.com"))).isTrue();
        assertThat(sink.sent()).as("every request still reaches the user").hasSize(max + 1);
    }
}
