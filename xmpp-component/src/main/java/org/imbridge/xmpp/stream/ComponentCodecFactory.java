package org.imbridge.xmpp.stream;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.imbridge.mina.PerSessionDecoder;

/**
 * The codec of a component stream: one {@link StreamFramingDecoder} per session (it holds the parser
 * state of that stream, see {@link PerSessionDecoder}) and one shared {@link XmlTextEncoder}.
 */
public final class ComponentCodecFactory implements ProtocolCodecFactory {

    private final PerSessionDecoder decoders;
    private final XmlTextEncoder encoder = new XmlTextEncoder();

    /** @param maxElementBytes the largest incoming top-level element, in bytes */
    public ComponentCodecFactory(int maxElementBytes) {
        this.decoders = new PerSessionDecoder(ComponentCodecFactory.class,
                () -> new StreamFramingDecoder(maxElementBytes));
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoders.of(session);
    }
}
