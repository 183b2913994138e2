package org.imbridge.msn.ftp;

import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Frames MSNFTP: CRLF lines (LF alone is taken too) of at most {@link MsnftpFrame#MAX_LINE} bytes; on the
 * receiver's side, once the {@code FIL} line has been read, data blocks: a 3-byte header (0, then the
 * length little-endian, at most {@link MsnftpFrame#MAX_BLOCK}) and the data. A header starting with 1 is
 * the sender's cancel. The sender may also cancel with a {@code CCL} line where a block is due, so
 * {@code CCL\r\n} is recognised there too. Anything else throws {@link MsnftpProtocolException}; the
 * stream is then out of step and the connection must be closed.
 *
 * <p>The switch to blocks is made here, on the {@code FIL} line, rather than when the receiver sends
 * {@code TFR}: the sender sends nothing between the two, and this way no bytes can be read in the wrong
 * mode. One instance per connection ({@link MsnftpCodecFactory}).
 */
public final class MsnftpDecoder extends CumulativeProtocolDecoder {

    private static final byte[] CCL = "CCL\r\n".getBytes(StandardCharsets.US_ASCII);

    private final MsnftpRole role;
    private boolean blocks;
    /** Bytes of the current line already scanned for LF. */
    private int scanned;

    public MsnftpDecoder(MsnftpRole role) {
        this.role = role;
    }

    /** True once this decoder reads data blocks. */
    public boolean readingBlocks() {
        return blocks;
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        return blocks ? decodeBlock(in, out) : decodeLine(in, out);
    }

    private boolean decodeLine(IoBuffer in, ProtocolDecoderOutput out) throws MsnftpProtocolException {
        int start = in.position();
        int limit = in.limit();
        for (int i = start + scanned; i < limit; i++) {
            if (in.get(i) == '\n') {
                int end = i > start && in.get(i - 1) == '\r' ? i - 1 : i;
                if (i + 1 - start > MsnftpFrame.MAX_LINE) {
                    throw new MsnftpProtocolException("line longer than " + MsnftpFrame.MAX_LINE + " bytes");
                }
                byte[] bytes = new byte[end - start];
                in.get(bytes);
                in.position(i + 1);
                scanned = 0;
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (text.indexOf('\r') >= 0) {
                    throw new MsnftpProtocolException("CR inside a line");
                }
                MsnftpFrame.Line line = new MsnftpFrame.Line(text);
                if (role == MsnftpRole.RECEIVER && line.command().equals("FIL")) {
                    blocks = true;
                }
                out.write(line);
                return true;
            }
        }
        scanned = limit - start;
        if (scanned >= MsnftpFrame.MAX_LINE) {
            throw new MsnftpProtocolException("line longer than " + MsnftpFrame.MAX_LINE + " bytes");
        }
        return false;
    }

    private boolean decodeBlock(IoBuffer in, ProtocolDecoderOutput out) throws MsnftpProtocolException {
        if (in.remaining() < 3) {
            int first = in.remaining() > 0 ? in.get(in.position()) & 0xFF : 0;
            if (first > 1 && first != 'C') {
                throw badHeader((byte) first);
            }
            return false;
        }
        int p = in.position();
        byte kind = in.get(p);
        if (kind == 'C') {
            return decodeCancelLine(in, out);
        }
        int length = (in.get(p + 1) & 0xFF) | (in.get(p + 2) & 0xFF) << 8;
        if (kind == 1) {
            in.position(p + 3);
            out.write(new MsnftpFrame.CancelBlock());
            return true;
        }
        if (kind != 0) {
            throw badHeader(kind);
        }
        if (length > MsnftpFrame.MAX_BLOCK) {
            throw new MsnftpProtocolException("data block longer than " + MsnftpFrame.MAX_BLOCK + ": " + length);
        }
        if (in.remaining() < 3 + length) {
            return false;
        }
        byte[] data = new byte[length];
        in.position(p + 3);
        in.get(data);
        out.write(new MsnftpFrame.DataBlock(data));
        return true;
    }

    private boolean decodeCancelLine(IoBuffer in, ProtocolDecoderOutput out) throws MsnftpProtocolException {
        int p = in.position();
        int n = Math.min(in.remaining(), CCL.length);
        for (int i = 0; i < n; i++) {
            if (in.get(p + i) != CCL[i]) {
                throw new MsnftpProtocolException("neither a data block nor CCL where a block was due");
            }
        }
        if (n < CCL.length) {
            return false;
        }
        in.position(p + CCL.length);
        out.write(new MsnftpFrame.Line("CCL"));
        return true;
    }

    private static MsnftpProtocolException badHeader(byte kind) {
        return new MsnftpProtocolException("bad data block header: first byte " + (kind & 0xFF));
    }
}
