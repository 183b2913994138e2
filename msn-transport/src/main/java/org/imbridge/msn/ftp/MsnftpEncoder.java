package org.imbridge.msn.ftp;

import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/** Writes {@link MsnftpFrame}s: a line and its CRLF, or a block's 3-byte header and data. Stateless. */
public final class MsnftpEncoder extends ProtocolEncoderAdapter {

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        out.write(encode((MsnftpFrame) message));
    }

    /** The bytes of {@code frame}, ready to be written. */
    public static IoBuffer encode(MsnftpFrame frame) {
        if (frame instanceof MsnftpFrame.Line line) {
            byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
            IoBuffer buf = IoBuffer.allocate(text.length + 2);
            buf.put(text).put((byte) '\r').put((byte) '\n');
            return buf.flip();
        }
        if (frame instanceof MsnftpFrame.DataBlock block) {
            byte[] data = block.data();
            IoBuffer buf = IoBuffer.allocate(3 + data.length);
            buf.put((byte) 0).put((byte) (data.length & 0xFF)).put((byte) (data.length >>> 8)).put(data);
            return buf.flip();
        }
        return IoBuffer.wrap(new byte[] {1, 0, 0});
    }
}
