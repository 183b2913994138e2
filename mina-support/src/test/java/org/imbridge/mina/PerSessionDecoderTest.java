package org.imbridge.mina;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.junit.jupiter.api.Test;

class PerSessionDecoderTest {

    private static final class NoopDecoder extends ProtocolDecoderAdapter {
        @Override
        public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        }
    }

    @Test
    void oneSessionKeepsItsFirstDecoder() {
        AtomicInteger created = new AtomicInteger();
        PerSessionDecoder decoders = new PerSessionDecoder(PerSessionDecoderTest.class, () -> {
            created.incrementAndGet();
            return new NoopDecoder();
        });
        DummySession session = new DummySession();

        assertThat(decoders.of(session)).isSameAs(decoders.of(session));
        assertThat(created).hasValue(1);
    }

    @Test
    void eachSessionHasItsOwnDecoder() {
        PerSessionDecoder decoders = new PerSessionDecoder(PerSessionDecoderTest.class, NoopDecoder::new);

        assertThat(decoders.of(new DummySession())).isNotSameAs(decoders.of(new DummySession()));
    }

    @Test
    void aDecoderStoredMeanwhileWins() {
        DummySession session = new DummySession();
        NoopDecoder storedFirst = new NoopDecoder();
        // another thread stores its decoder between our read of the attribute and our store
        PerSessionDecoder decoders = new PerSessionDecoder(PerSessionDecoderTest.class, () -> {
            session.setAttribute(new AttributeKey(PerSessionDecoderTest.class, "decoder"), storedFirst);
            return new NoopDecoder();
        });

        assertThat(decoders.of(session)).isSameAs(storedFirst);
        assertThat(decoders.of(session)).isSameAs(storedFirst);
    }
}
