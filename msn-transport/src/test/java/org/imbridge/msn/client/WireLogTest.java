package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.imbridge.msn.protocol.MsnpCommand;
import org.junit.jupiter.api.Test;

/** Logged commands never carry cookies, login hashes or payloads in full. */
class WireLogTest {

    @Test
    void switchboardCookiesAreShortened() {
        assertThat(WireLog.describe(MsnpCommand.of("XFR", 20, "SB", "127.0.0.1:1865", "CKI", "17262740.1056561700.4242")))
                .isEqualTo("XFR 20 SB 127.0.0.1:1865 CKI 1726…(24)");
        assertThat(WireLog.describe(MsnpCommand.of("RNG", "11752013", "127.0.0.1:1865", "CKI", "849102291.520491113",
                "bob@hotmail.com", "Bob"))).isEqualTo("RNG 11752013 127.0.0.1:1865 CKI 8491…(19) bob@hotmail.com Bob");
        assertThat(WireLog.describe(MsnpCommand.of("USR", 1, "alice@hotmail.com", "17262740.1056561700.4242")))
                .doesNotContain("1056561700");
        assertThat(WireLog.describe(MsnpCommand.of("ANS", 1, "alice@hotmail.com", "849102291.520491113", "11752013")))
                .isEqualTo("ANS 1 alice@hotmail.com 8491…(19) 11752013");
    }

    @Test
    void loginHashIsShortenedButOtherUsrLinesAreKept() {
        assertThat(WireLog.describe(MsnpCommand.of("USR", 7, "MD5", "S", "483eee01d6a1de1b668cac9a0ac75d91")))
                .isEqualTo("USR 7 MD5 S 483e…(32)");
        assertThat(WireLog.describe(MsnpCommand.of("USR", 1, "OK", "alice@hotmail.com", "Alice")))
                .isEqualTo("USR 1 OK alice@hotmail.com Alice");
        assertThat(WireLog.describe(MsnpCommand.of("USR", 3, "MD5", "I", "alice@hotmail.com")))
                .isEqualTo("USR 3 MD5 I alice@hotmail.com");
    }

    @Test
    void payloadsAreSummarised() {
        MsnpCommand msg = MsnpCommand.withPayload("MSG", "MSPAuth: secret".getBytes(StandardCharsets.UTF_8),
                "Hotmail", "Hotmail");
        assertThat(WireLog.describe(msg)).isEqualTo("MSG Hotmail Hotmail 15 <payload>");
    }

    @Test
    void veryShortSecretsAreHiddenCompletely() {
        assertThat(WireLog.shorten("abc")).isEqualTo("…(3)");
    }
}
