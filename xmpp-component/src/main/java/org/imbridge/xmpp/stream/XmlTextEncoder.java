package org.imbridge.xmpp.stream;

import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Writes already-serialized XML ({@link CharSequence}: stream header, handshake, stanzas, the
 * keepalive space, the closing tag) as UTF-8. Stateless, so one instance serves every session.
 */
public final class XmlTextEncoder extends ProtocolEncoderAdapter {

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        if (!(message instanceof CharSequence text)) {
            throw new IllegalArgumentException("can only write XML text, not " + message.getClass().getName());
        }
        out.write(IoBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
