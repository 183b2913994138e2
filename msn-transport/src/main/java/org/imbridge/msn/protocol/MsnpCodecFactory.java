package org.imbridge.msn.protocol;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.imbridge.mina.PerSessionDecoder;

/**
 * The MSNP codec for one side of the connection: a client decodes what servers send, a server what
 * clients send. One decoder per session (it holds framing state, see {@link PerSessionDecoder}), one
 * shared encoder.
 */
public final class MsnpCodecFactory implements ProtocolCodecFactory {

    private final PerSessionDecoder decoders;
    private final MsnpEncoder encoder;

    public MsnpCodecFactory(MsnpDirection inbound, MsnpLimits limits) {
        this.decoders = new PerSessionDecoder(MsnpCodecFactory.class, () -> new MsnpDecoder(inbound, limits));
        this.encoder = new MsnpEncoder(limits.maxLineBytes());
    }

    /** The codec a client uses, with {@link MsnpLimits#CLIENT_DEFAULTS}. */
    public static MsnpCodecFactory forClient() {
        return new MsnpCodecFactory(MsnpDirection.SERVER_TO_CLIENT, MsnpLimits.CLIENT_DEFAULTS);
    }

    /** The codec a server uses, with {@link MsnpLimits#SERVER_DEFAULTS}. */
    public static MsnpCodecFactory forServer() {
        return new MsnpCodecFactory(MsnpDirection.CLIENT_TO_SERVER, MsnpLimits.SERVER_DEFAULTS);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    /** The session's decoder, created on first use. */
    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoders.of(session);
    }
}
