package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsnpNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Alice Smith|Alice%20Smith",
        "100% pure|100%25%20pure",
        "Café ☺|Caf%C3%A9%20%E2%98%BA",
        "Other Contacts|Other%20Contacts",
        "<Diamond>|<Diamond>"})
    void encodesAsTheReferenceSays(String text, String encoded) {
        assertThat(MsnpNames.encode(text)).isEqualTo(encoded);
        assertThat(MsnpNames.decode(encoded)).isEqualTo(text);
    }

    @Test
    void decodingAcceptsLowerCaseHexRawUtf8AndStrayPercent() {
        assertThat(MsnpNames.decode("Caf%c3%a9%20%e2%98%ba")).isEqualTo("Café ☺");
        assertThat(MsnpNames.decode("Café%20☺")).isEqualTo("Café ☺");
        assertThat(MsnpNames.decode("50%")).isEqualTo("50%");
        assertThat(MsnpNames.decode("50%zz")).isEqualTo("50%zz");
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsLatin1() {
        assertThat(MsnpNames.decode("Ren%E9")).isEqualTo("René");
    }

    @Test
    void encodedNamesNeverContainWhitespace() {
        assertThat(MsnpNames.encode("a\tb\r\nc d")).doesNotContain(" ", "\t", "\r", "\n");
    }

    @Test
    void validatesHandles() {
        assertThat(MsnpNames.isValidHandle("alice@hotmail.com")).isTrue();
        assertThat(MsnpNames.isValidHandle("a@b")).isFalse();
        assertThat(MsnpNames.isValidHandle("@@a")).isFalse();
        assertThat(MsnpNames.isValidHandle("alice")).isFalse();
        assertThat(MsnpNames.isValidHandle("al ice@hotmail.com")).isFalse();
        assertThat(MsnpNames.isValidHandle("x".repeat(120) + "@hotmail.com")).isFalse();
    }
}
