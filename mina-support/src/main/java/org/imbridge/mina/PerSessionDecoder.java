package org.imbridge.mina;

import java.util.Objects;
import java.util.function.Supplier;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/**
 * One decoder per MINA session, kept in a session attribute, for a {@code ProtocolCodecFactory}'s
 * {@code getDecoder}. MINA 2.2's {@code ProtocolCodecFilter} asks the factory for the decoder on every
 * read, not once per session; a decoder holds framing state, so a fresh one per call would lose a frame
 * split across two reads.
 *
 * <p>The first decoder stored wins ({@link IoSession#setAttributeIfAbsent}), so two threads asking at
 * once still share one.
 */
public final class PerSessionDecoder {

    private final AttributeKey key;
    private final Supplier<? extends ProtocolDecoder> newDecoder;

    /**
     * @param owner      the codec factory, to name the attribute
     * @param newDecoder makes the decoder of a new session
     */
    public PerSessionDecoder(Class<?> owner, Supplier<? extends ProtocolDecoder> newDecoder) {
        this.key = new AttributeKey(owner, "decoder");
        this.newDecoder = Objects.requireNonNull(newDecoder, "newDecoder");
    }

    /** The decoder of {@code session}, created on first use. */
    public ProtocolDecoder of(IoSession session) {
        ProtocolDecoder decoder = (ProtocolDecoder) session.getAttribute(key);
        if (decoder != null) {
            return decoder;
        }
        decoder = newDecoder.get();
        ProtocolDecoder existing = (ProtocolDecoder) session.setAttributeIfAbsent(key, decoder);
        return existing != null ? existing : decoder;
    }
}
