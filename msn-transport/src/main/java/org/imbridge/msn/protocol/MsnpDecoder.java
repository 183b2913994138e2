package org.imbridge.msn.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Frames MSNP: a CRLF-terminated UTF-8 command line, and for payload commands (per
 * {@link MsnpDirection}) exactly as many payload bytes as the last parameter announces, with no
 * terminator of their own.
 *
 * <p>One instance per connection ({@link MsnpCodecFactory} makes a new one for each session), so the
 * scan position and a header waiting for its payload live in plain fields. Every length is checked
 * against {@link MsnpLimits} before bytes are buffered; anything malformed throws
 * {@link MsnpProtocolException}, after which the connection must be closed since the stream can no
 * longer be trusted to be in step.
 */
public final class MsnpDecoder extends CumulativeProtocolDecoder {

    /**
     * Session attribute: the {@link System#nanoTime()} at which the frame now half-received (a line
     * without its CRLF, or a payload not yet complete) started arriving; absent between frames. Lets the
     * owner of the connection close one whose peer stopped in the middle of a frame.
     */
    public static final AttributeKey PARTIAL_FRAME_SINCE = new AttributeKey(MsnpDecoder.class, "partialFrameSince");

    private enum State { READ_LINE, READ_PAYLOAD }

    private final MsnpDirection direction;
    private final MsnpLimits limits;

    private State state = State.READ_LINE;
    /** Bytes of the current line already scanned for LF, so a slow sender is not rescanned. */
    private int scanned;
    private String pendingName;
    private List<String> pendingParams;
    private int pendingLength;
    /** Made on the first line that is not ASCII; a decoder keeps state, hence one per connection. */
    private CharsetDecoder utf8;

    public MsnpDecoder(MsnpDirection direction, MsnpLimits limits) {
        this.direction = direction;
        this.limits = limits;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        try {
            super.decode(session, in, out);
        } finally {
            if (state == State.READ_PAYLOAD || scanned > 0) {
                session.setAttributeIfAbsent(PARTIAL_FRAME_SINCE, System.nanoTime());
            } else {
                session.removeAttribute(PARTIAL_FRAME_SINCE);
            }
        }
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        return switch (state) {
            case READ_LINE -> decodeLine(in, out);
            case READ_PAYLOAD -> decodePayload(in, out);
        };
    }

    private boolean decodeLine(IoBuffer in, ProtocolDecoderOutput out) throws MsnpProtocolException {
        int start = in.position();
        int limit = in.limit();
        int lf = -1;
        for (int i = start + scanned; i < limit; i++) {
            if (in.get(i) == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            scanned = limit - start;
            if (scanned >= limits.maxLineBytes()) {
                throw fail("line longer than " + limits.maxLineBytes() + " bytes without CRLF");
            }
            return false;
        }
        scanned = 0;
        int lineLength = lf - start + 1;
        if (lineLength > limits.maxLineBytes()) {
            throw fail("line of " + lineLength + " bytes exceeds the limit of " + limits.maxLineBytes());
        }
        if (lf == start || in.get(lf - 1) != '\r') {
            throw fail("line not terminated by CRLF");
        }
        byte[] bytes = new byte[lf - 1 - start];
        in.get(bytes);
        in.position(lf + 1);
        parseLine(bytes, out);
        return true;
    }

    private void parseLine(byte[] bytes, ProtocolDecoderOutput out) throws MsnpProtocolException {
        String line = text(bytes);
        int end = line.indexOf(' ');
        String name = end < 0 ? line : line.substring(0, end);
        if (!MsnpCommand.isCommandName(name)) {
            throw fail("malformed command name in line: " + printable(line));
        }
        List<String> params = new ArrayList<>(spaces(bytes));
        while (end >= 0) {
            int start = end + 1;
            end = line.indexOf(' ', start);
            String token = line.substring(start, end < 0 ? line.length() : end);
            if (token.isEmpty() || token.indexOf('\r') >= 0 || token.indexOf('\t') >= 0) {
                throw fail("empty or malformed parameter in line: " + printable(line));
            }
            params.add(token);
        }
        if (!direction.isPayloadCommand(name)) {
            out.write(MsnpCommand.decoded(name, params, null));
            return;
        }
        if (params.isEmpty()) {
            throw fail(name + " without a payload length");
        }
        int length = parseLength(params.remove(params.size() - 1), name);
        if (length == 0) {
            out.write(MsnpCommand.decoded(name, params, new byte[0]));
            return;
        }
        pendingName = name;
        pendingParams = params;
        pendingLength = length;
        state = State.READ_PAYLOAD;
    }

    private boolean decodePayload(IoBuffer in, ProtocolDecoderOutput out) {
        if (in.remaining() < pendingLength) {
            return false;
        }
        byte[] payload = new byte[pendingLength];
        in.get(payload);
        out.write(MsnpCommand.decoded(pendingName, pendingParams, payload));
        pendingName = null;
        pendingParams = null;
        state = State.READ_LINE;
        return true;
    }

    private int parseLength(String token, String name) throws MsnpProtocolException {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
            throw fail(name + " payload length is not a number: " + printable(token));
        }
        int length = Integer.parseInt(token);
        if (length > limits.maxPayloadBytes()) {
            throw fail(name + " payload of " + length + " bytes exceeds the limit of " + limits.maxPayloadBytes());
        }
        return length;
    }

    private MsnpProtocolException fail(String message) {
        state = State.READ_LINE;
        scanned = 0;
        pendingName = null;
        pendingParams = null;
        return new MsnpProtocolException(message);
    }

    /**
     * The line as text: strict UTF-8, with a shortcut for the usual line, which is ASCII (MSNP
     * URL-encodes names) and then needs no decoder.
     */
    private String text(byte[] bytes) throws MsnpProtocolException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail("command line is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static int spaces(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == ' ') {
                n++;
            }
        }
        return n;
    }

    /** At most 80 characters of a line, control characters escaped, for log messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 80) {
            sb.append('…');
        }
        return sb.toString();
    }
}
