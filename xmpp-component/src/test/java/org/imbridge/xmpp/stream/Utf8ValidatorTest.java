package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {

    @Test
    void aBadByteIsFoundAndLocatedAtEveryPositionOfTheAsciiFastPath() {
        for (int at = 0; at < 40; at++) {
            byte[] bytes = "a".repeat(40).getBytes(StandardCharsets.US_ASCII);
            bytes[at] = (byte) 0xC0;
            for (int split = 0; split <= bytes.length; split++) {
                Utf8Validator validator = new Utf8Validator();
                byte[] first = Arrays.copyOfRange(bytes, 0, split);
                byte[] rest = Arrays.copyOfRange(bytes, split, bytes.length);
                assertThatThrownBy(() -> {
                    validator.check(first, 0, first.length);
                    validator.check(rest, 0, rest.length);
                }).as("0xC0 at %d, split at %d", at, split).isInstanceOf(XmlStreamException.class)
                        .hasMessageContaining("byte 0xC0 at stream offset " + at);
            }
        }
    }

    @Test
    void validTextOfEveryLengthWithMultiByteCharactersPasses() {
        String text = "ab\u00e9cdefgh\u20acijklmnop\ud83d\ude00qrstuvwxyz0123456789";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Utf8Validator validator = new Utf8Validator();
            byte[] first = Arrays.copyOfRange(bytes, 0, split);
            byte[] rest = Arrays.copyOfRange(bytes, split, bytes.length);
            assertThatCode(() -> {
                validator.check(first, 0, first.length);
                validator.check(rest, 0, rest.length);
            }).as("split at %d", split).doesNotThrowAnyException();
        }
    }

    @Test
    void anUnfinishedSequenceBeforeAsciiIsCaughtWhenTheAsciiArrives() {
        Utf8Validator validator = new Utf8Validator();
        byte[] lead = {'x', (byte) 0xE2, (byte) 0x82};
        byte[] ascii = "abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> {
            validator.check(lead, 0, lead.length);
            validator.check(ascii, 0, ascii.length);
        }).isInstanceOf(XmlStreamException.class).hasMessageContaining("byte 0x61 at stream offset 3");
    }
}
