package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeMessageTest {

    @Test
    void textMessageMatchesTheReferenceBytesExactly() {
        assertThat(MimeMessage.text("Hi Bob!").toBytes()).isEqualTo(TestVectors.payload("alice_hi"));
    }

    @Test
    void typingNoticesMatchTheReferenceBytes() {
        assertThat(MimeMessage.typing("alice@hotmail.com").toBytes()).isEqualTo(TestVectors.payload("typing_alice"));
        assertThat(MimeMessage.typing("bob@hotmail.com").toBytes()).isEqualTo(TestVectors.payload("typing_bob"));
        assertThat(MimeMessage.typing("example@passport.com").toBytes())
                .isEqualTo(TestVectors.payload("typing_example"));
    }

    @Test
    void parsesUtf8TextWithFormat() {
        MimeMessage m = MimeMessage.parse(TestVectors.payload("bob_reply_utf8"));
        assertThat(m.contentType()).isEqualTo("text/plain");
        assertThat(m.charset()).isEqualTo("UTF-8");
        assertThat(m.header("x-mms-im-format")).isEqualTo("FN=MS%20Sans%20Serif; EF=B; CO=ff; CS=0; PF=22");
        assertThat(m.bodyText()).isEqualTo("Hallo Alice, ça va? ☺");
        assertThat(m.toBytes()).isEqualTo(TestVectors.payload("bob_reply_utf8"));
    }

    @Test
    void parsesTypingNotice() {
        MimeMessage m = MimeMessage.parse(TestVectors.payload("typing_bob"));
        assertThat(m.contentType()).isEqualTo(MimeMessage.CONTROL);
        assertThat(m.header("TypingUser")).isEqualTo("bob@hotmail.com");
    }

    @Test
    void readsNotificationBodyFields() {
        MimeMessage initial = MimeMessage.parse(TestVectors.payload("initial_email"));
        assertThat(initial.contentType()).isEqualTo(MimeMessage.INITIAL_EMAIL);
        assertThat(initial.bodyField("Inbox-Unread")).isEqualTo("1");

        MimeMessage mail = MimeMessage.parse(TestVectors.payload("new_email"));
        assertThat(mail.bodyField("From")).isEqualTo("Bob");
        assertThat(mail.bodyField("From-Addr")).isEqualTo("bob@hotmail.com");
        assertThat(mail.bodyField("Subject")).isEqualTo("Hello");

        MimeMessage system = MimeMessage.parse(TestVectors.payload("system_msg"));
        assertThat(system.contentType()).isEqualTo(MimeMessage.SYSTEM_MESSAGE);
        assertThat(system.bodyField("Arg1")).isEqualTo("5");
    }

    @Test
    void profileIsAllHeaders() {
        MimeMessage profile = MimeMessage.parse(TestVectors.payload("profile_msnp7"));
        assertThat(profile.contentType()).isEqualTo(MimeMessage.PROFILE);
        assertThat(profile.header("MemberIdLow")).isEqualTo("-517030579");
        assertThat(profile.body()).isEmpty();
    }

    @Test
    void bareTextPlainIsLatin1() {
        byte[] payload = "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nRen\u00e9"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(MimeMessage.parse(payload).bodyText()).isEqualTo("René");
    }

    @Test
    void emptyBodyPayloadIs62Bytes() {
        byte[] empty = TestVectors.payload("empty_body_plain");
        assertThat(MimeMessage.parse(empty).bodyText()).isEmpty();
        assertThat(empty).hasSize(62);
    }
}
