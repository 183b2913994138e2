package org.imbridge.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkProfileTest {

    private static final NetworkProfile ICQ = new NetworkProfile("icq", "ICQ", "ICQ", "icq", "UIN", "12345678");

    @Test
    void thePromptNamesTheNetworkAndWhatAnAccountLooksLike() {
        assertThat(ICQ.addressPrompt()).isEqualTo("ICQ account (UIN)");
    }

    @Test
    void aNetworkTheProfileDescribesAnswersItsIdAndNamesFromIt() {
        LegacyNetwork network = new LegacyNetwork() {
            @Override
            public NetworkProfile profile() {
                return ICQ;
            }

            @Override
            public boolean isValidAccount(String account) {
                return true;
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> verifyCredentials(LegacyCredentials credentials) {
                throw new UnsupportedOperationException();
            }

            @Override
            public LegacySession openSession(LegacyCredentials credentials, SessionListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        assertThat(network.id()).isEqualTo("icq");
        assertThat(network.name()).isEqualTo("ICQ");
        assertThat(network.gatewayType()).isEqualTo("icq");
        assertThat(network.addressPrompt()).isEqualTo("ICQ account (UIN)");
    }

    @Test
    void everyPartIsRequired() {
        assertThatThrownBy(() -> new NetworkProfile("icq", " ", "ICQ", "icq", "UIN", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new NetworkProfile("icq", "ICQ", "ICQ", "icq", "UIN", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("exampleAddress");
    }
}
