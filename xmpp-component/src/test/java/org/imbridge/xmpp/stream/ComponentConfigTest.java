package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ComponentConfigTest {

    @Test
    void defaultsFollowTheIssue() {
        ComponentConfig config = ComponentConfig.builder("msn.localhost", "s3cret").build();

        assertThat(config.domain().toString()).isEqualTo("msn.localhost");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(5347);
        assertThat(config.maxStanzaBytes()).isEqualTo(256 * 1024);
        assertThat(config.reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        ComponentConfig config = ComponentConfig.builder("msn.localhost", "hunter2-secret").build();

        assertThat(config.toString()).doesNotContain("hunter2").contains("secret=***").contains("msn.localhost");
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertThatThrownBy(() -> ComponentConfig.builder("msn localhost", "s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
        assertThatThrownBy(() -> ComponentConfig.builder("alice@msn.localhost", "s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare domain");
        assertThatThrownBy(() -> ComponentConfig.builder("msn.localhost", "").build())
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> ComponentConfig.builder("msn.localhost", "s").port(70000).build())
                .hasMessageContaining("port");
        assertThatThrownBy(() -> ComponentConfig.builder("msn.localhost", "s").maxStanzaBytes(0).build())
                .hasMessageContaining("maxStanzaBytes");
        assertThatThrownBy(() -> ComponentConfig.builder("msn.localhost", "s")
                .reconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessageContaining("reconnectMax");
        assertThatThrownBy(() -> ComponentConfig.builder("msn.localhost", "s").keepaliveInterval(Duration.ZERO).build())
                .hasMessageContaining("keepaliveInterval");
    }
}
