package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MsnpHashesTest {

    @Test
    void seedChallengeAnswerIsExact() {
        assertThat(MsnpHashes.challengeResponse("20881396011366812350"))
                .isEqualTo("0212eaad0876afb8505859ca75d21a78");
    }

    @Test
    void everyKnownChallengeAnswer() {
        JsonNode challenge = TestVectors.root().path("challenge");
        assertThat(challenge.path("answers").size()).isEqualTo(7);
        for (JsonNode v : challenge.path("answers")) {
            String asked = v.path("challenge").asText();
            assertThat(MsnpHashes.challengeResponse(asked)).as(asked).isEqualTo(v.path("response").asText());
        }
        assertThat(challenge.path("key").asText()).isEqualTo(MsnpHashes.CHALLENGE_KEY);
        assertThat(challenge.path("client_id").asText()).isEqualTo(MsnpHashes.CHALLENGE_CLIENT_ID);
    }

    /**
     * The seed's own login example (salt 989048851.1851137130 → 3b7926d2…) cannot be recomputed because
     * the article does not give the password; the known login answers of docs/msnp.md §16.1 stand in for it.
     */
    @Test
    void everyKnownLoginResponse() {
        assertThat(TestVectors.root().path("md5_login").size()).isEqualTo(4);
        for (JsonNode v : TestVectors.root().path("md5_login")) {
            assertThat(MsnpHashes.loginResponse(v.path("salt").asText(), v.path("password").asText()))
                    .isEqualTo(v.path("response").asText());
        }
        assertThat(MsnpHashes.loginResponse("1056561624.17795", "abcdefg1234567"))
                .isEqualTo("483eee01d6a1de1b668cac9a0ac75d91");
    }
}
