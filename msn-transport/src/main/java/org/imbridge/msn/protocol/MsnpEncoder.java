package org.imbridge.msn.protocol;

import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Writes an {@link MsnpCommand}: name and parameters separated by single spaces, for a payload command
 * the payload's length in bytes as the last parameter, CRLF, then the payload bytes. Stateless: one
 * instance serves every connection.
 */
public final class MsnpEncoder extends ProtocolEncoderAdapter {

    private final int maxLineBytes;

    public MsnpEncoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        if (!(message instanceof MsnpCommand command)) {
            throw new IllegalArgumentException("not an MSNP command: " + message.getClass().getName());
        }
        out.write(IoBuffer.wrap(toBytes(command, maxLineBytes)));
    }

    /** The exact wire bytes of {@code command}. */
    public static byte[] toBytes(MsnpCommand command) {
        return toBytes(command, Integer.MAX_VALUE);
    }

    static byte[] toBytes(MsnpCommand command, int maxLineBytes) {
        StringBuilder line = new StringBuilder(64).append(command.name());
        for (String p : command.params()) {
            line.append(' ').append(p);
        }
        if (command.hasPayload()) {
            line.append(' ').append(command.payloadLength());
        }
        line.append("\r\n");
        byte[] header = line.toString().getBytes(StandardCharsets.UTF_8);
        if (header.length > maxLineBytes) {
            throw new IllegalArgumentException("command line of " + header.length + " bytes exceeds "
                    + maxLineBytes + ": " + command);
        }
        if (!command.hasPayload() || command.payloadLength() == 0) {
            return header;
        }
        byte[] payload = command.payloadBytes();
        byte[] bytes = new byte[header.length + payload.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(payload, 0, bytes, header.length, payload.length);
        return bytes;
    }
}
