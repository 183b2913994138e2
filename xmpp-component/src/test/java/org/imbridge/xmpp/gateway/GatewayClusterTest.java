package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.session.LinkState;
import org.imbridge.xmpp.gateway.cluster.ClusterOptions;
import org.imbridge.xmpp.gateway.cluster.ScriptedOwnership;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;

/** The gateway as one of several instances: users it takes over, users another instance keeps. */
class GatewayClusterTest {

    private static final String ROMEO = "romeo@localhost";

    @Test
    void aUsersFirstMessageHereStartsTheirSessionAndIsSentOnceOnlineInOrder() {
        ScriptedOwnership ownership = new ScriptedOwnership("b", "a", "b");
        ownership.nextClaim = Claim.takenOver("a");
        try (GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions(),
                new ClusterOptions(ownership, Duration.ZERO))) {
            fixture.register(ROMEO, "romeo@hotmail.com");

            for (int i = 1; i <= 3; i++) {
                fixture.gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='chat' from='" + ROMEO
                        + "/phone' to='bob%hotmail.com@msn.localhost'><body>m" + i + "</body></message>"));
            }

            await().atMost(GatewayFixture.WAIT).until(() -> fixture.network.session("romeo@hotmail.com")
                    .map(s -> s.calls().stream().filter(c -> c.startsWith("sendMessage")).count() == 3).orElse(false));
            assertThat(fixture.network.session("romeo@hotmail.com").orElseThrow().calls().stream()
                    .filter(c -> c.startsWith("sendMessage")))
                    .containsExactly("sendMessage bob@hotmail.com m1", "sendMessage bob@hotmail.com m2",
                            "sendMessage bob@hotmail.com m3");
            Presence probe = fixture.awaitSent(s -> s instanceof Presence p && p.getType() == Presence.Type.probe);
            assertThat(probe.getTo().toString()).isEqualTo(ROMEO);
            assertThat(ownership.calls).containsExactly("claim " + ROMEO);
            assertThat(fixture.sink.sent()).noneMatch(s -> s.getError() != null);
        }
    }

    @Test
    void aUserAnotherInstanceJustTookIsAskedForAgainOnceTheGraceIsOver() {
        ScriptedOwnership ownership = new ScriptedOwnership("b", "a", "b");
        ownership.nextClaim = Claim.heldElsewhere("a");
        try (GatewayFixture fixture = new GatewayFixture(new FakeNetwork().withSessions(),
                new ClusterOptions(ownership, Duration.ZERO))) {
            fixture.register(ROMEO, "romeo@hotmail.com");

            fixture.gateway.accept(Stanzas.parse("<presence xmlns='jabber:client' from='" + ROMEO
                    + "/r' to='msn.localhost'/>"));

            Presence probe = fixture.awaitSent(s -> s instanceof Presence p && p.getType() == Presence.Type.probe);
            assertThat(probe.getTo().toString()).isEqualTo(ROMEO);
            assertThat(fixture.network.session("romeo@hotmail.com")).isEmpty();
            assertThat(fixture.gateway.sessions().user(ROMEO).orElseThrow().state()).isEqualTo(LinkState.OFFLINE);
            // nothing said to the user: the other instance serves them
            assertThat(fixture.sink.sent()).allMatch(s -> s instanceof Presence p && p.getType() == Presence.Type.probe);
        }
    }
}
