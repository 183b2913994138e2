package org.imbridge.bench.driver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * The load driver's minimal XML stream framer: a byte-level state machine that finds the stream
 * header and each complete top-level element by counting tags (quote-aware), without parsing XML.
 * Good enough for the well-formed, entity-free XML the transport writes; it is a driver, not a
 * product parser. One instance per connection.
 */
public final class XmlFramer extends ProtocolDecoderAdapter {

    /** What the framer found. */
    public enum Kind { HEADER, ELEMENT, END }

    /** A framed piece of the stream. */
    public record Frame(Kind kind, String xml) {
    }

    private final int maxElementBytes;
    private byte[] element = new byte[1024];
    private int length;
    private int depth;
    private boolean inTag;
    private byte quote;
    private int tagStart;
    private byte[] header = new byte[256];
    private int headerLength;

    public XmlFramer(int maxElementBytes) {
        this.maxElementBytes = maxElementBytes;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (depth == 0) {
                headerByte(b, out);
                continue;
            }
            if (!inTag) {
                if (b == '<') {
                    inTag = true;
                    tagStart = length;
                    append(b);
                } else if (depth >= 2) {
                    append(b);
                }
                continue;
            }
            append(b);
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '\'' || b == '"') {
                quote = b;
            } else if (b == '>') {
                inTag = false;
                tagEnded(out);
            }
        }
    }

    private void tagEnded(ProtocolDecoderOutput out) {
        byte second = element[tagStart + 1];
        if (second == '?' || second == '!') {
            if (depth < 2) {
                length = tagStart;
            }
            return;
        }
        if (second == '/') {
            depth--;
            if (depth == 1) {
                emit(out);
            } else if (depth == 0) {
                length = 0;
                out.write(new Frame(Kind.END, ""));
            }
            return;
        }
        boolean empty = element[length - 2] == '/';
        if (!empty) {
            depth++;
        } else if (depth == 1) {
            emit(out);
        }
    }

    private void emit(ProtocolDecoderOutput out) {
        out.write(new Frame(Kind.ELEMENT, new String(element, 0, length, StandardCharsets.UTF_8)));
        length = 0;
    }

    private void append(byte b) {
        if (length == element.length) {
            if (length >= maxElementBytes) {
                throw new IllegalStateException("element larger than " + maxElementBytes + " bytes");
            }
            element = Arrays.copyOf(element, Math.min(maxElementBytes, length * 2));
        }
        element[length++] = b;
    }

    /** Before the stream header: skip an XML declaration, then collect the {@code <stream:stream>} start tag. */
    private void headerByte(byte b, ProtocolDecoderOutput out) throws ProtocolDecoderException {
        if (headerLength == 0 && b != '<') {
            return;
        }
        if (headerLength == header.length) {
            if (headerLength > 8192) {
                throw new ProtocolDecoderException("stream header too long");
            }
            header = Arrays.copyOf(header, headerLength * 2);
        }
        header[headerLength++] = b;
        if (quote != 0) {
            if (b == quote) {
                quote = 0;
            }
            return;
        }
        if (b == '\'' || b == '"') {
            quote = b;
        } else if (b == '>') {
            String tag = new String(header, 0, headerLength, StandardCharsets.UTF_8);
            headerLength = 0;
            if (tag.startsWith("<?")) {
                return;
            }
            depth = 1;
            out.write(new Frame(Kind.HEADER, tag));
        }
    }
}
