package org.imbridge.msn.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * URL encoding of friendly names and group names in command parameters (docs/msnp.md §2.3).
 *
 * <p>Out: UTF-8, then {@code %XX} (upper-case hex) for space, {@code %}, control characters and every
 * non-ASCII byte, which is what the official client's peers all accept. In: {@code %XX} in either case;
 * raw non-ASCII is kept; a {@code %} not followed by two hex digits is kept literally; byte sequences
 * that are not UTF-8 are read as ISO-8859-1 rather than rejected.
 */
public final class MsnpNames {

    /** Longest encoded friendly name a server accepts (docs/msnp.md §2.3). */
    public static final int MAX_FRIENDLY_NAME_BYTES = 387;
    /** Longest account handle (docs/msnp.md §2.3). */
    public static final int MAX_HANDLE_BYTES = 129;
    /** The longest group name ADG accepts, encoded (docs/msnp.md §5.7). */
    public static final int MAX_GROUP_NAME_BYTES = 61;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MsnpNames() {
    }

    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v <= 0x20 || v == '%' || v >= 0x7f) {
                sb.append('%').append(HEX[v >> 4]).append(HEX[v & 0xf]);
            } else {
                sb.append((char) v);
            }
        }
        return sb.toString();
    }

    public static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        byte[] raw = encoded.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int hi;
            int lo;
            if (raw[i] == '%' && i + 2 < raw.length && (hi = hex(raw[i + 1])) >= 0 && (lo = hex(raw[i + 2])) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        byte[] bytes = out.toByteArray();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * True when {@code handle} looks like an MSN account: {@code local@domain.tld}, printable ASCII
     * without spaces, at most {@value #MAX_HANDLE_BYTES} bytes.
     */
    public static boolean isValidHandle(String handle) {
        if (handle == null || handle.isEmpty() || handle.length() > MAX_HANDLE_BYTES) {
            return false;
        }
        int at = handle.indexOf('@');
        if (at <= 0 || at != handle.lastIndexOf('@') || at == handle.length() - 1) {
            return false;
        }
        String domain = handle.substring(at + 1);
        int dot = domain.indexOf('.');
        if (dot <= 0 || domain.endsWith(".") || domain.contains("..")) {
            return false;
        }
        for (int i = 0; i < handle.length(); i++) {
            char c = handle.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '%' || c == '/' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
