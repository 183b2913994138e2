package org.imbridge.xmpp.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a byte stream is well-formed UTF-8 (RFC 3629 §4), incrementally, so a sequence may be
 * split across reads. Aalto's async parser decodes overlong forms ({@code C0 AF} as {@code /}),
 * lead bytes F5–F7 and code points above U+10FFFF without complaint; this rejects them, along with
 * surrogates encoded in UTF-8, stray continuation bytes and C0, C1, F8–FF.
 */
final class Utf8Validator {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes still expected for the current sequence. */
    private int remaining;
    /** Range of the next continuation byte (narrower than 80–BF right after E0, ED, F0 and F4). */
    private int low = 0x80;
    private int high = 0xBF;
    private long offset;

    /**
     * @param bytes  input
     * @param start  first byte to check
     * @param length number of bytes
     * @throws XmlStreamException ({@code not-well-formed}) at the first byte that is not valid UTF-8
     */
    void check(byte[] bytes, int start, int length) throws XmlStreamException {
        int end = start + length;
        for (int i = start; i < end; i++, offset++) {
            if (remaining == 0) {
                // Most of a stream is ASCII markup: skip it eight bytes at a time.
                int ascii = i;
                while (ascii + Long.BYTES <= end && ((long) WORDS.get(bytes, ascii) & HIGH_BITS) == 0) {
                    ascii += Long.BYTES;
                }
                offset += ascii - i;
                i = ascii;
                if (i == end) {
                    break;
                }
            }
            int b = bytes[i] & 0xFF;
            if (remaining > 0) {
                if (b < low || b > high) {
                    throw invalid(b);
                }
                remaining--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0x80) {
                lead(b);
            }
        }
    }

    private void lead(int b) throws XmlStreamException {
        if (b >= 0xC2 && b <= 0xDF) {
            remaining = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            remaining = 2;
            if (b == 0xE0) {
                low = 0xA0; // below is an overlong form of a 2-byte sequence
            } else if (b == 0xED) {
                high = 0x9F; // above are the surrogates U+D800–U+DFFF
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            remaining = 3;
            if (b == 0xF0) {
                low = 0x90; // below is an overlong form of a 3-byte sequence
            } else if (b == 0xF4) {
                high = 0x8F; // above is beyond U+10FFFF
            }
        } else {
            throw invalid(b);
        }
    }

    private XmlStreamException invalid(int b) {
        return new XmlStreamException("not-well-formed", String.format(
                "invalid UTF-8 from the server: byte 0x%02X at stream offset %d", b, offset));
    }
}
