package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.junit.jupiter.api.Test;

/**
 * {@code ProtocolCodecFilter} asks the factory for the decoder on every read; the factory must hand
 * out the session's one decoder so framing state survives between reads.
 */
class MsnpCodecFactoryTest {

    @Test
    void everyReadOfASessionGetsTheSameDecoder() {
        MsnpCodecFactory factory = MsnpCodecFactory.forClient();
        DummySession one = new DummySession();
        DummySession other = new DummySession();

        assertThat(factory.getDecoder(one)).isSameAs(factory.getDecoder(one)).isNotSameAs(factory.getDecoder(other));
    }

    @Test
    void payloadSplitAcrossTwoReadsIsDecodedThroughTheFilter() {
        DummySession session = new DummySession();
        session.setTransportMetadata(new DefaultTransportMetadata("mina", "dummy", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
        List<Object> received = new ArrayList<>();
        session.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession s, Object message) {
                received.add(message);
            }
        });
        session.getFilterChain().addLast("msnp", new ProtocolCodecFilter(MsnpCodecFactory.forClient()));
        byte[] wire = "MSG Hotmail Hotmail 5\r\nhelloQNG\r\n".getBytes(StandardCharsets.US_ASCII);

        session.getFilterChain().fireMessageReceived(IoBuffer.wrap(wire, 0, 25)); // line + "he"
        session.getFilterChain().fireMessageReceived(IoBuffer.wrap(wire, 25, 4)); // "lloQ"
        session.getFilterChain().fireMessageReceived(IoBuffer.wrap(wire, 29, wire.length - 29));

        assertThat(received).containsExactly(
                MsnpCommand.withPayload("MSG", "hello".getBytes(StandardCharsets.US_ASCII), "Hotmail", "Hotmail"),
                MsnpCommand.of("QNG"));
    }
}
