package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.msn.protocol.MsnpCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the server's VER reply (docs/msnp.md §3.2, §15 #2). */
class DialectsTest {

    @ParameterizedTest
    @CsvSource({
            "'1 MSNP7', 7",
            "'1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0', 7",
            "'1 MSNP5 MSNP4 CVR0', 5",
            "'1 msnp6', 6",
            "'1 MSNP8 MSNP9', 0",
            "'1 0', 0",
            "'1 CVR0', 0",
            "'1 MSNPX MSNP2', 2",
    })
    void highestSupportedDialectInTheReply(String params, int expected) {
        assertThat(Dialects.chosen(MsnpCommand.of("VER", (Object[]) params.split(" ")))).isEqualTo(expected);
    }
}
