package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

    @Test
    void ipLiteralsAreResolvedWithoutLookup() {
        InetSocketAddress v4 = ServerAddress.parse("207.46.106.118:1863");
        assertThat(v4.isUnresolved()).isFalse();
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("207.46.106.118");
        assertThat(v4.getPort()).isEqualTo(1863);

        InetSocketAddress v6 = ServerAddress.parse("[::1]:1864");
        assertThat(v6.isUnresolved()).isFalse();
        assertThat(ServerAddress.format(v6)).isEqualTo("[0:0:0:0:0:0:0:1]:1864");
    }

    @Test
    void hostNamesStayUnresolvedForTheResolverThread() {
        InetSocketAddress named = ServerAddress.parse("messenger.hotmail.com:1863");
        assertThat(named.isUnresolved()).isTrue();
        assertThat(ServerAddress.format(named)).isEqualTo("messenger.hotmail.com:1863");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":1863", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:x",
            "999.1.1.1:1863", "a:b:1863"})
    void malformedAddressesAreRejected(String hostPort) {
        assertThatThrownBy(() -> ServerAddress.parse(hostPort)).isInstanceOf(MalformedCommandException.class);
    }
}
