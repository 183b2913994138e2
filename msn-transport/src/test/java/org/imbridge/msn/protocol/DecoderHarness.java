package org.imbridge.msn.protocol;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;

/**
 * Drives one {@link MsnpDecoder} without sockets, the way MINA would: chunks arrive one after the
 * other and decoded commands are collected. The session claims fragmentation so that
 * CumulativeProtocolDecoder keeps partial input between chunks.
 */
public final class DecoderHarness {

    private final ProtocolCodecSession session = new ProtocolCodecSession();
    private final MsnpDecoder decoder;

    DecoderHarness(MsnpDirection direction, MsnpLimits limits) {
        session.setTransportMetadata(new DefaultTransportMetadata(
                "mina", "dummy", false, true, SocketAddress.class, IoSessionConfig.class, Object.class));
        decoder = new MsnpDecoder(direction, limits);
    }

    public static DecoderHarness fromServer() {
        return new DecoderHarness(MsnpDirection.SERVER_TO_CLIENT, MsnpLimits.CLIENT_DEFAULTS);
    }

    static DecoderHarness fromClient() {
        return new DecoderHarness(MsnpDirection.CLIENT_TO_SERVER, MsnpLimits.SERVER_DEFAULTS);
    }

    /** Feeds one chunk and returns the commands completed by it. */
    public List<MsnpCommand> feed(byte[] chunk) throws Exception {
        decoder.decode(session, IoBuffer.wrap(chunk), session.getDecoderOutput());
        List<MsnpCommand> out = new ArrayList<>();
        Object o;
        while ((o = session.getDecoderOutputQueue().poll()) != null) {
            out.add((MsnpCommand) o);
        }
        return out;
    }

    /** Feeds {@code bytes} split at the given ascending cut points and returns everything decoded. */
    List<MsnpCommand> feedSplit(byte[] bytes, int... cuts) throws Exception {
        List<MsnpCommand> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.addAll(feed(java.util.Arrays.copyOfRange(bytes, from, cut)));
            from = cut;
        }
        out.addAll(feed(java.util.Arrays.copyOfRange(bytes, from, bytes.length)));
        return out;
    }
}
