package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String CONTEXT = "registration\0romeo@example.net\0msn";
    private final SecretBox box = SecretBox.withRandomKey();

    @Test
    void sealedSecretOpensWithTheSameKeyAndContext() {
        for (String secret : new String[] {"", "p", "pässwörd ♥ 密码", "x".repeat(256)}) {
            assertThat(box.open(box.seal(secret, CONTEXT), CONTEXT)).isEqualTo(secret);
        }
    }

    @Test
    void sealedFormIsVersionedAndFreshEveryTime() {
        String first = box.seal("secret", CONTEXT);
        String second = box.seal("secret", CONTEXT);

        assertThat(first).startsWith("v1:").isNotEqualTo(second).doesNotContain("secret");
        // 12-byte nonce + 6 bytes of ciphertext + 16-byte tag
        assertThat(Base64.getDecoder().decode(first.substring(3))).hasSize(12 + 6 + 16);
    }

    @Test
    void everyAlteredByteIsDetected() {
        String sealed = box.seal("secret", CONTEXT);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));

        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String altered = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> box.open(altered, CONTEXT))
                    .as("byte %d altered", i)
                    .isInstanceOf(SecretBoxException.class)
                    .hasMessageContaining("altered");
        }
    }

    @Test
    void truncatedOrExtendedValuesAreDetected() {
        byte[] bytes = Base64.getDecoder().decode(box.seal("secret", CONTEXT).substring(3));
        String truncated = "v1:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length - 1));
        String extended = "v1:" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length + 1));

        assertThatThrownBy(() -> box.open(truncated, CONTEXT)).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(extended, CONTEXT)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void wrongKeyGivesAClearErrorWithoutTheSecret() {
        String sealed = box.seal("hunter2", CONTEXT);

        assertThatThrownBy(() -> SecretBox.withRandomKey().open(sealed, CONTEXT))
                .isInstanceOf(SecretBoxException.class)
                .hasMessage("cannot decrypt: wrong key, or the value was altered or belongs to another record")
                .hasNoCause();
    }

    @Test
    void aFailedOpenDoesNotSpoilTheNextOnTheSameThread() {
        String sealed = box.seal("secret", CONTEXT);
        assertThatThrownBy(() -> box.open(sealed, "another context")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1:" + "A".repeat(40), CONTEXT)).isInstanceOf(SecretBoxException.class);

        assertThat(box.open(sealed, CONTEXT)).isEqualTo("secret");
        assertThat(box.open(box.seal("next", CONTEXT), CONTEXT)).isEqualTo("next");
    }

    @Test
    void boxesWithOtherKeysUsedInTurnOnOneThreadKeepTheirOwnKeys() {
        SecretBox other = SecretBox.withRandomKey();
        for (int i = 0; i < 3; i++) {
            String mine = box.seal("mine" + i, CONTEXT);
            String theirs = other.seal("theirs" + i, CONTEXT);

            assertThat(box.open(mine, CONTEXT)).isEqualTo("mine" + i);
            assertThat(other.open(theirs, CONTEXT)).isEqualTo("theirs" + i);
            assertThatThrownBy(() -> box.open(theirs, CONTEXT)).isInstanceOf(SecretBoxException.class);
            assertThatThrownBy(() -> other.open(mine, CONTEXT)).isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void manyThreadsSealAndOpenAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String secret = "secret of task " + t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (!box.open(box.seal(secret + i, CONTEXT), CONTEXT).equals(secret + i)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void otherContextDoesNotOpen() {
        String sealed = box.seal("secret", CONTEXT);

        assertThatThrownBy(() -> box.open(sealed, "registration\0juliet@example.net\0msn"))
                .isInstanceOf(SecretBoxException.class);
    }

    @Test
    void malformedValuesAreRefusedClearly() {
        assertThatThrownBy(() -> box.open("secret", CONTEXT)).isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> box.open("v2:AAAA", CONTEXT)).isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> box.open("v1:!!not base64!!", CONTEXT)).isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> box.open("v1:AAAA", CONTEXT)).isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> box.open("v1:" + "A".repeat(100_000), CONTEXT))
                .isInstanceOf(SecretBoxException.class).hasMessageContaining("too long");
    }

    @Test
    void keyIsCopiedAndNeverPrinted() {
        byte[] key = SecretBox.newKey();
        SecretBox fromKey = new SecretBox(key);
        String sealed = fromKey.seal("secret", CONTEXT);
        String base64Key = Base64.getEncoder().encodeToString(key);
        Arrays.fill(key, (byte) 0);

        assertThat(fromKey.open(sealed, CONTEXT)).isEqualTo("secret");
        assertThat(fromKey.toString()).isEqualTo("SecretBox[AES-256-GCM]").doesNotContain(base64Key);
    }

    @Test
    void base64KeyRoundTripsAndBadKeysNameOnlyTheirSource() {
        String key = Base64.getEncoder().encodeToString(SecretBox.newKey());
        SecretBox decoded = SecretBox.fromBase64(" " + key + "\n", "test");
        SecretBox same = SecretBox.fromBase64(key, "test");
        assertThat(same.open(decoded.seal("secret", CONTEXT), CONTEXT)).isEqualTo("secret");

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretBox.fromBase64(shortKey, "environment variable K"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("environment variable K holds a key of 16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SecretBox.fromBase64("not*base64*key", "environment variable K"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessage("environment variable K does not hold a base64-encoded key");
        assertThatThrownBy(() -> new SecretBox(new byte[31])).isInstanceOf(SecretBoxException.class);
    }
}
