package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnpLimits;

/** Long chat text is split, never truncated, and every part fits one switchboard MSG. */
class ChatTextProperties {

    @Property(tries = 200)
    void partsFitAndReassembleExactly(@ForAll("chatText") String text) {
        List<MimeMessage> parts = ChatText.messages(text);

        assertThat(parts).allSatisfy(m -> assertThat(m.toBytes().length)
                .isLessThanOrEqualTo(MsnpLimits.SWITCHBOARD_MAX_PAYLOAD));
        StringBuilder joined = new StringBuilder();
        parts.forEach(m -> joined.append(m.bodyText()));
        assertThat(joined.toString()).isEqualTo(text);
    }

    /** ASCII, spaces, line breaks, 2-, 3- and 4-byte UTF-8 (a surrogate pair in Java). */
    @Provide
    Arbitrary<String> chatText() {
        return Arbitraries.of(0x61, 0x5a, 0x20, 0x0a, 0xe9, 0x263a, 0x1F600).list().ofMaxSize(4000)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
    }
}
