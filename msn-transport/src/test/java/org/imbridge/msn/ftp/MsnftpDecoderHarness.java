package org.imbridge.msn.ftp;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;

/** Drives one {@link MsnftpDecoder} without sockets, chunk after chunk, as MINA would. */
final class MsnftpDecoderHarness {

    private final ProtocolCodecSession session = new ProtocolCodecSession();
    private final MsnftpDecoder decoder;

    MsnftpDecoderHarness(MsnftpRole role) {
        session.setTransportMetadata(new DefaultTransportMetadata(
                "mina", "dummy", false, true, SocketAddress.class, IoSessionConfig.class, Object.class));
        decoder = new MsnftpDecoder(role);
    }

    List<MsnftpFrame> feed(byte[] chunk) throws Exception {
        decoder.decode(session, IoBuffer.wrap(chunk), session.getDecoderOutput());
        List<MsnftpFrame> out = new ArrayList<>();
        Object o;
        while ((o = session.getDecoderOutputQueue().poll()) != null) {
            out.add((MsnftpFrame) o);
        }
        return out;
    }

    List<MsnftpFrame> feedByteByByte(byte[] bytes) throws Exception {
        List<MsnftpFrame> out = new ArrayList<>();
        for (byte b : bytes) {
            out.addAll(feed(new byte[] {b}));
        }
        return out;
    }

    static byte[] encode(MsnftpFrame... frames) {
        IoBuffer all = IoBuffer.allocate(64).setAutoExpand(true);
        for (MsnftpFrame f : frames) {
            all.put(MsnftpEncoder.encode(f));
        }
        all.flip();
        byte[] bytes = new byte[all.remaining()];
        all.get(bytes);
        return bytes;
    }
}
