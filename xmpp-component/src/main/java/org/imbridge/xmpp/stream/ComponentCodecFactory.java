package org.imbridge.xmpp.stream;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * The codec of a component stream: a new {@link StreamFramingDecoder} per session (it holds the
 * parser state of that stream) and one shared {@link XmlTextEncoder}.
 */
public final class ComponentCodecFactory implements ProtocolCodecFactory {

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
        return new StreamFramingDecoder(maxElementBytes);
    }
}
