package org.imbridge.msn.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chat text into pieces that each fit one switchboard MSG ({@link MsnpLimits#SWITCHBOARD_MAX_PAYLOAD}
 * bytes including the MIME headers), never inside a UTF-8 sequence or a surrogate pair, preferring to
 * break after a line break or a space in the last quarter of a piece.
 */
public final class TextSplitter {

    private final int maxBodyBytes;

    public TextSplitter(int maxPayloadBytes) {
        int headerBytes = MimeMessage.text("").toBytes().length;
        this.maxBodyBytes = maxPayloadBytes - headerBytes;
        if (maxBodyBytes < 8) {
            throw new IllegalArgumentException("payload limit " + maxPayloadBytes + " leaves no room for text");
        }
    }

    /** A splitter for the switchboard limit of 1664 bytes. */
    public static TextSplitter forSwitchboard() {
        return new TextSplitter(MsnpLimits.SWITCHBOARD_MAX_PAYLOAD);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The pieces in order; a single piece when the text fits; one empty piece for empty text. */
    public List<String> split(String text) {
        if ((long) text.length() * 3 <= maxBodyBytes) {
            // A UTF-16 unit never takes more than three UTF-8 bytes: short texts (nearly all chat) fit.
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            int lastBreak = -1;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int size = utf8Length(cp);
                if (bytes + size > maxBodyBytes) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
                if ((cp == ' ' || cp == '\n') && bytes > maxBodyBytes * 3 / 4) {
                    lastBreak = end;
                }
            }
            if (end < text.length() && lastBreak > start) {
                end = lastBreak;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        return pieces;
    }

    private static int utf8Length(int cp) {
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        return cp < 0x10000 ? 3 : 4;
    }

    static int bytesOf(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
