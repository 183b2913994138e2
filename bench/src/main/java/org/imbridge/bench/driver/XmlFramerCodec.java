package org.imbridge.bench.driver;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.imbridge.xmpp.stream.XmlTextEncoder;

/**
 * The driver's codec for raw stanza text: {@link XmlFramer} in, {@link XmlTextEncoder} out. MINA asks
 * for the decoder on every read, so each session keeps its own framer in an attribute.
 */
final class XmlFramerCodec implements ProtocolCodecFactory {

    private static final AttributeKey FRAMER = new AttributeKey(XmlFramerCodec.class, "framer");
    private static final int MAX_STANZA_BYTES = 1 << 20;

    private final XmlTextEncoder encoder = new XmlTextEncoder();

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        ProtocolDecoder decoder = (ProtocolDecoder) session.getAttribute(FRAMER);
        if (decoder == null) {
            decoder = new XmlFramer(MAX_STANZA_BYTES);
            ProtocolDecoder existing = (ProtocolDecoder) session.setAttributeIfAbsent(FRAMER, decoder);
            if (existing != null) {
                decoder = existing;
            }
        }
        return decoder;
    }
}
