package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    private final TextSplitter splitter = TextSplitter.forSwitchboard();

    @Test
    void shortTextIsOnePiece() {
        assertThat(splitter.split("hello")).containsExactly("hello");
        assertThat(splitter.split("")).containsExactly("");
    }

    @Test
    void maxBodyIsWhatTheFormatHeaderLeaves() {
        assertThat(splitter.maxBodyBytes()).isEqualTo(1664 - MimeMessage.text("").toBytes().length);
    }

    @Test
    void fiveKilobytesOfMixedScriptsSplitIntoFittingPieces() {
        String text = "Grüße, Дмитрий, 你好世界 ☺ ".repeat(200);
        List<String> pieces = splitter.split(text);
        assertThat(pieces.size()).isGreaterThan(3);
        assertThat(String.join("", pieces)).isEqualTo(text);
        for (String piece : pieces) {
            assertThat(MimeMessage.text(piece).toBytes().length).isLessThanOrEqualTo(1664);
        }
    }

    /**
     * Text without spaces forces cuts wherever the byte limit falls: each piece must still be a whole
     * message of valid UTF-8 on its own (MSNP7 clients do not reassemble; servers drop a part cut
     * inside a character, docs/msnp.md §15).
     */
    @Test
    void piecesOfTextWithoutSpacesAreValidUtf8OnTheirOwn() throws Exception {
        String text = "ü€𝄞a".repeat(1500);
        List<String> pieces = splitter.split(text);
        assertThat(pieces.size()).isGreaterThan(5);
        for (String piece : pieces) {
            byte[] payload = MimeMessage.text(piece).toBytes();
            assertThat(payload.length).isLessThanOrEqualTo(1664);
            if (piece != pieces.get(pieces.size() - 1)) {
                assertThat(payload.length).as("cut as late as a whole character allows").isGreaterThan(1664 - 4);
            }
            byte[] body = MimeMessage.parse(payload).body();
            String decoded = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
            assertThat(decoded).isEqualTo(piece);
        }
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Property(tries = 300)
    void piecesFitAndJoinBackToTheText(@ForAll @StringLength(max = 6000) String text) {
        List<String> pieces = splitter.split(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        for (String piece : pieces) {
            assertThat(TextSplitter.bytesOf(piece)).isLessThanOrEqualTo(splitter.maxBodyBytes());
            if (!text.isEmpty()) {
                assertThat(piece).isNotEmpty();
                assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                        .as("piece ends inside a surrogate pair").isFalse();
            }
        }
    }
}
