package org.imbridge.bench.driver;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.imbridge.mina.PerSessionDecoder;
import org.imbridge.xmpp.stream.XmlTextEncoder;

/**
 * The driver's codec for raw stanza text: {@link XmlFramer} in (one per session), {@link XmlTextEncoder}
 * out.
 */
public final class XmlFramerCodec implements ProtocolCodecFactory {

    private static final int MAX_STANZA_BYTES = 1 << 20;

    private final PerSessionDecoder framers =
            new PerSessionDecoder(XmlFramerCodec.class, () -> new XmlFramer(MAX_STANZA_BYTES));
    private final XmlTextEncoder encoder = new XmlTextEncoder();

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return framers.of(session);
    }
}
