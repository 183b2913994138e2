package org.imbridge.xmpp.stream;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * The codec of a component stream: one {@link StreamFramingDecoder} per session (it holds the parser
 * state of that stream) and one shared {@link XmlTextEncoder}.
 *
 * <p>MINA 2.2's {@code ProtocolCodecFilter} asks the factory for the decoder on every read, so the
 * session's decoder is kept in a session attribute and created on the first call only.
 */
public final class ComponentCodecFactory implements ProtocolCodecFactory {

    private static final AttributeKey DECODER = new AttributeKey(ComponentCodecFactory.class, "decoder");

    private final int maxElementBytes;
    private final XmlTextEncoder encoder = new XmlTextEncoder();

    /** @param maxElementBytes the largest incoming top-level element, in bytes */
    public ComponentCodecFactory(int maxElementBytes) {
        this.maxElementBytes = maxElementBytes;
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        ProtocolDecoder decoder = (ProtocolDecoder) session.getAttribute(DECODER);
        if (decoder == null) {
            decoder = new StreamFramingDecoder(maxElementBytes);
            ProtocolDecoder raced = (ProtocolDecoder) session.setAttributeIfAbsent(DECODER, decoder);
            if (raced != null) {
                decoder = raced;
            }
        }
        return decoder;
    }
}
