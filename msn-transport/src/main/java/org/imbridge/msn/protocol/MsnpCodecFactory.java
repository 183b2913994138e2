package org.imbridge.msn.protocol;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * The MSNP codec for one side of the connection: a client decodes what servers send, a server what
 * clients send. One decoder per session (it holds framing state), one shared encoder.
 *
 * <p>MINA's {@code ProtocolCodecFilter} calls {@link #getDecoder} for every buffer it reads, so the
 * session's decoder is kept in a session attribute: a fresh decoder per read would lose a command
 * header whose payload arrives in a later read.
 */
public final class MsnpCodecFactory implements ProtocolCodecFactory {

    private static final AttributeKey DECODER = new AttributeKey(MsnpCodecFactory.class, "decoder");

    private final MsnpDirection inbound;
    private final MsnpLimits limits;
    private final MsnpEncoder encoder;

    public MsnpCodecFactory(MsnpDirection inbound, MsnpLimits limits) {
        this.inbound = inbound;
        this.limits = limits;
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

    /** The decoder of {@code session}, created on first use. */
    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        ProtocolDecoder decoder = (ProtocolDecoder) session.getAttribute(DECODER);
        if (decoder == null) {
            decoder = new MsnpDecoder(inbound, limits);
            ProtocolDecoder existing = (ProtocolDecoder) session.setAttributeIfAbsent(DECODER, decoder);
            if (existing != null) {
                decoder = existing;
            }
        }
        return decoder;
    }
}
