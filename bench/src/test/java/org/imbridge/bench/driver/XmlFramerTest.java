package org.imbridge.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.junit.jupiter.api.Test;

class XmlFramerTest {

    private static final String STREAM = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' to='x'>"
            + "<handshake>abc</handshake> <presence to='u1@bench.local' from='msn.bench.local'/>"
            + "<message to='u2@b' from='a/b>'><body>t=42 x</body><active xmlns='y'/></message></stream:stream>";

    @Test
    void framesHeaderElementsAndEndWhateverTheSplit() throws Exception {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 3, 7, bytes.length}) {
            XmlFramer framer = new XmlFramer(4096);
            ProtocolCodecSession session = new ProtocolCodecSession();
            for (int i = 0; i < bytes.length; i += chunk) {
                int n = Math.min(chunk, bytes.length - i);
                framer.decode(session, IoBuffer.wrap(bytes, i, n), session.getDecoderOutput());
            }
            List<XmlFramer.Frame> frames = new ArrayList<>();
            Object f;
            while ((f = session.getDecoderOutputQueue().poll()) != null) {
                frames.add((XmlFramer.Frame) f);
            }
            assertThat(frames).extracting(XmlFramer.Frame::kind).containsExactly(XmlFramer.Kind.HEADER,
                    XmlFramer.Kind.ELEMENT, XmlFramer.Kind.ELEMENT, XmlFramer.Kind.ELEMENT, XmlFramer.Kind.END);
            assertThat(frames.get(1).xml()).isEqualTo("<handshake>abc</handshake>");
            assertThat(frames.get(2).xml()).isEqualTo("<presence to='u1@bench.local' from='msn.bench.local'/>");
            assertThat(Stanzas.sentNanos(frames.get(3).xml())).isEqualTo(42);
        }
    }

    @Test
    void readsAttributesAndUserIndexes() {
        String presence = "<presence to='u17@bench.local' from='msn.bench.local'><status>x</status></presence>";
        assertThat(Stanzas.attribute(presence, "from")).isEqualTo("msn.bench.local");
        assertThat(Stanzas.attribute(presence, "type")).isNull();
        assertThat(Stanzas.userIndex(Stanzas.attribute(presence, "to"))).isEqualTo(17);
        assertThat(Stanzas.attribute("<message type=\"error\" to='a'/>", "type")).isEqualTo("error");
    }
}
