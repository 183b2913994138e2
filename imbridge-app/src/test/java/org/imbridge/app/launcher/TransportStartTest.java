package org.imbridge.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.imbridge.app.config.TransportConfig;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.FakeNetwork;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;
import org.junit.jupiter.api.Test;

/** A transport that cannot start says why and leaves nothing open. */
class TransportStartTest {

    @Test
    void aMetricsPortInUseFailsTheStartAndClosesTheStore() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RegistrationStore store = RegistrationStores.inMemory();
            UserAllowlist everyone = new UserAllowlist(java.util.List.of("*"));
            TransportSettings settings = new TransportSettings(
                    ComponentConfig.builder("msn.example.org", "secret").host("127.0.0.1").port(1).build(),
                    new FakeNetwork(), store, () -> everyone, SessionPolicy.DEFAULTS, 1, Set::of,
                    () -> TransportConfig.Limits.DEFAULTS, ConfigReload.NONE,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()));
            assertThatThrownBy(() -> Transport.start(settings, stopped -> { }).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("cannot serve metrics on");
            assertThatThrownBy(() -> store.count(FakeNetwork.ID)).as("the store was closed").isInstanceOf(RuntimeException.class);
        }
    }
}
