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
