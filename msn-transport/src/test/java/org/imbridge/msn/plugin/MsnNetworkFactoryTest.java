package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacyNetworks;
import org.imbridge.msn.ftp.PortRange;
import org.imbridge.msn.plugin.files.FileTransferSettings;
import org.junit.jupiter.api.Test;

/** Settings {@code host} and {@code port}; found through the ServiceLoader. */
class MsnNetworkFactoryTest {

    @Test
    void isFoundAsNetworkMsn() {
        assertThat(LegacyNetworks.byId("msn")).isInstanceOf(MsnNetworkFactory.class);
    }

    @Test
    void readsHostAndPort() {
        InetSocketAddress ds = MsnNetworkFactory.dispatch(Map.of("host", "messenger.example.org", "port", "1864"));

        assertThat(ds.getHostString()).isEqualTo("messenger.example.org");
        assertThat(ds.getPort()).isEqualTo(1864);
        assertThat(ds.isUnresolved()).as("resolved when a login starts, not at startup").isTrue();
    }

    @Test
    void defaultsToLocalhost1863() {
        InetSocketAddress ds = MsnNetworkFactory.dispatch(Map.of());

        assertThat(ds.getHostString()).isEqualTo("127.0.0.1");
        assertThat(ds.getPort()).isEqualTo(1863);
    }

    @Test
    void createsAnMsnNetworkForTheAddress() {
        try (LegacyNetwork network = new MsnNetworkFactory().create(Map.of("host", "localhost", "port", "2000"))) {
            assertThat(network).isInstanceOfSatisfying(MsnNetwork.class, msn -> {
                assertThat(msn.dispatch().getHostString()).isEqualTo("localhost");
                assertThat(msn.dispatch().getPort()).isEqualTo(2000);
            });
            assertThat(network.id()).isEqualTo("msn");
            assertThat(network.gatewayType()).isEqualTo("msn");
        }
    }

    @Test
    void namesItselfToUsersAsMsnAlwaysDid() {
        try (LegacyNetwork network = new MsnNetworkFactory().create(Map.of())) {
            assertThat(network.profile()).isEqualTo(MsnNetwork.PROFILE);
            assertThat(network.name()).isEqualTo("MSN Messenger");
            assertThat(network.profile().shortName()).isEqualTo("MSN");
            assertThat(network.addressPrompt()).isEqualTo("MSN account (e-mail address)");
            assertThat(network.profile().exampleAddress()).isEqualTo("name@hotmail.com");
            assertThat(network.isValidAccount(network.profile().exampleAddress())).isTrue();
        }
    }

    @Test
    void ioThreadsSetTheClientsProcessorCount() {
        try (LegacyNetwork network = new MsnNetworkFactory().create(Map.of("io-threads", "1"))) {
            assertThat(((MsnNetwork) network).client().config().ioProcessors()).isEqualTo(1);
        }
        try (LegacyNetwork network = new MsnNetworkFactory().create(Map.of())) {
            assertThat(((MsnNetwork) network).client().config().ioProcessors())
                    .isEqualTo(Runtime.getRuntime().availableProcessors() + 1);
        }
        assertThatThrownBy(() -> new MsnNetworkFactory().create(Map.of("io-threads", "0")))
                .hasMessageContaining("'io-threads'").hasMessageContaining("between 1 and 64");
        assertThatThrownBy(() -> new MsnNetworkFactory().create(Map.of("io-threads", "many")))
                .hasMessageContaining("'io-threads'").hasMessageContaining("'many'");
    }

    @Test
    void allowedReferralsReachTheClientAndBadOnesNameTheKey() {
        try (LegacyNetwork network = new MsnNetworkFactory().create(
                Map.of("allowed-referrals", "10.0.0.0/8, sb.example.net"))) {
            assertThat(((MsnNetwork) network).client().config().allowedReferrals().entries())
                    .containsExactly("10.0.0.0/8", "sb.example.net");
        }
        assertThatThrownBy(() -> new MsnNetworkFactory().create(Map.of("allowed-referrals", "10.0.0.0/33")))
                .hasMessageContaining("'allowed-referrals'").hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void fileTransferSettingsAreReadAndBadOnesNameTheKey() throws Exception {
        FileTransferSettings files = MsnNetworkFactory.files(Map.of("file-transfer-bind", "127.0.0.1",
                "file-transfer-advertised-host", "203.0.113.7", "file-transfer-ports", "7000-7009"));

        assertThat(files.bind()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(files.advertisedHost()).isEqualTo("203.0.113.7");
        assertThat(files.ports()).isEqualTo(new PortRange(7000, 7009));
        assertThat(MsnNetworkFactory.files(Map.of()).ports()).isEqualTo(new PortRange(6891, 6900));
        assertThat(MsnNetworkFactory.files(Map.of()).advertisedHost()).isNull();
        assertThatThrownBy(() -> MsnNetworkFactory.files(Map.of("file-transfer-ports", "7000-")))
                .hasMessageContaining("'file-transfer-ports'").hasMessageContaining("6891-6900");
        assertThatThrownBy(() -> MsnNetworkFactory.files(Map.of("file-transfer-ports", "9000-8000")))
                .hasMessageContaining("'file-transfer-ports'");
        assertThatThrownBy(() -> MsnNetworkFactory.files(Map.of("file-transfer-bind", "example.org")))
                .hasMessageContaining("'file-transfer-bind'").hasMessageContaining("example.org");
        assertThatThrownBy(() -> MsnNetworkFactory.files(Map.of("file-transfer-advertised-host", "a b")))
                .hasMessageContaining("'file-transfer-advertised-host'");
        assertThatThrownBy(() -> new MsnNetworkFactory().create(Map.of("file-transfer-advertised-host", "::1")))
                .hasMessageContaining("IPv4");
        try (LegacyNetwork network = new MsnNetworkFactory().create(Map.of("file-transfer-ports", "6891",
                "file-transfer-advertised-host", "127.0.0.1"))) {
            assertThat(network).isInstanceOf(MsnNetwork.class);
        }
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> MsnNetworkFactory.dispatch(Map.of("hots", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hots'").hasMessageContaining("host");
        assertThatThrownBy(() -> MsnNetworkFactory.dispatch(Map.of("port", "msn")))
                .hasMessageContaining("'port'").hasMessageContaining("'msn'");
        assertThatThrownBy(() -> MsnNetworkFactory.dispatch(Map.of("port", "70000")))
                .hasMessageContaining("'port'").hasMessageContaining("70000");
        assertThatThrownBy(() -> MsnNetworkFactory.dispatch(Map.of("port", "0"))).hasMessageContaining("'port'");
        assertThatThrownBy(() -> MsnNetworkFactory.dispatch(Map.of("host", " "))).hasMessageContaining("'host'");
    }
}
