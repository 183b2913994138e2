package org.imbridge.xmpp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.xmpp.gateway.FakeNetwork;
import org.junit.jupiter.api.Test;

/** Logins are counted under the network's id, and their failures as network-neutral error kinds. */
class MeteredNetworkTest {

    private final TransportMetrics metrics = new TransportMetrics(FakeNetwork.ID, "node-a");
    private final MeteredNetwork network = new MeteredNetwork(new FakeNetwork().withAccount("romeo@fakenet.example", "right"),
            metrics);

    @Test
    void describesItselfAsTheNetworkItMeters() {
        assertThat(network.profile()).isEqualTo(FakeNetwork.PROFILE);
        assertThat(network.id()).isEqualTo(FakeNetwork.ID);
    }

    @Test
    void countsLoginsAndTheirFailuresByNetwork() {
        network.verifyCredentials(credentials("right")).toCompletableFuture().join();
        assertThatThrownBy(() -> network.verifyCredentials(credentials("wrong")).toCompletableFuture().join());

        assertThat(metrics.scrape())
                .contains("imbridge_logins_total{instance=\"node-a\",network=\"fakenet\",result=\"success\"} 1.0")
                .contains("imbridge_logins_total{instance=\"node-a\",network=\"fakenet\",result=\"bad_credentials\"} 1.0")
                .contains("imbridge_errors_total{instance=\"node-a\",kind=\"network_login_bad_credentials\"} 1.0");
    }

    private static LegacyCredentials credentials(String password) {
        return new LegacyCredentials(LegacyAddress.of("romeo@fakenet.example"), password);
    }
}
