package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.transport.socket.DefaultSocketSessionConfig;
import org.junit.jupiter.api.Test;

/** MINA asks the factory for the decoder on every read; the session must keep getting the same one. */
class MsnpCodecFactoryTest {

    private static ProtocolCodecSession fragmentingSession() {
        ProtocolCodecSession session = new ProtocolCodecSession();
        session.setTransportMetadata(new DefaultTransportMetadata("mina", "dummy", false, true,
                SocketAddress.class, DefaultSocketSessionConfig.class, Object.class));
        return session;
    }

    @Test
    void sameDecoderForEveryReadOfASession() {
        MsnpCodecFactory factory = MsnpCodecFactory.forServer();
        ProtocolCodecSession a = fragmentingSession();
        ProtocolCodecSession b = fragmentingSession();
        assertThat(factory.getDecoder(a)).isSameAs(factory.getDecoder(a)).isNotSameAs(factory.getDecoder(b));
    }

    @Test
    void payloadArrivingInALaterReadIsDecoded() throws Exception {
        MsnpCodecFactory factory = MsnpCodecFactory.forServer();
        ProtocolCodecSession session = fragmentingSession();
        factory.getDecoder(session).decode(session, IoBuffer.wrap("MSG 9 A 5\r\n".getBytes(StandardCharsets.US_ASCII)),
                session.getDecoderOutput());
        factory.getDecoder(session).decode(session, IoBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)),
                session.getDecoderOutput());
        assertThat(session.getDecoderOutputQueue()).containsExactly(
                MsnpCommand.withPayload("MSG", "hello".getBytes(StandardCharsets.US_ASCII), "9", "A"));
    }
}
