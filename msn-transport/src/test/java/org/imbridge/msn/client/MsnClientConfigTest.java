package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MsnClientConfigTest {

    @Test
    void defaultsFollowTheBrief() {
        MsnClientConfig config = MsnClientConfig.defaults();
        assertThat(config.maxNsRedirects()).isEqualTo(3);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cvr()).isEmpty();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> MsnClientConfig.builder().ackTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> MsnClientConfig.builder().maxNsRedirects(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNsRedirects");
        assertThatThrownBy(() -> MsnClientConfig.builder().maxQueuedMessages(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueuedMessages");
        assertThatThrownBy(() -> MsnClientConfig.builder().cvr(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("cvr");
    }
}
