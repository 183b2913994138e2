package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MsnpHashesTest {

    @Test
    void seedChallengeAnswerIsExact() {
        assertThat(MsnpHashes.challengeResponse("20881396011366812350"))
                .isEqualTo("0212eaad0876afb8505859ca75d21a78");
    }

    @Test
    void everyChallengeVectorOfTheReference() {
        JsonNode qry = TestVectors.root().path("qry");
        assertThat(qry.size()).isEqualTo(5);
        for (Iterator<Map.Entry<String, JsonNode>> it = qry.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(MsnpHashes.challengeResponse(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asText());
        }
        assertThat(TestVectors.root().path("challenge_key").asText()).isEqualTo(MsnpHashes.CHALLENGE_KEY);
        assertThat(TestVectors.root().path("challenge_client_id").asText()).isEqualTo(MsnpHashes.CHALLENGE_CLIENT_ID);
    }

    /**
     * The seed's own login example (salt 989048851.1851137130 → 3b7926d2…) cannot be recomputed because
     * the article does not give the password; the two login vectors of docs/msnp.md §16.1 stand in for it.
     */
    @Test
    void loginResponseVectors() {
        for (JsonNode v : TestVectors.root().path("usr_md5")) {
            assertThat(MsnpHashes.loginResponse(v.path("salt").asText(), v.path("password").asText()))
                    .isEqualTo(v.path("response").asText());
        }
        assertThat(MsnpHashes.loginResponse("1056561624.17795", "abcdefg1234567"))
                .isEqualTo("483eee01d6a1de1b668cac9a0ac75d91");
    }
}
