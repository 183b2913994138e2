package org.imbridge.xmpp.stream;

import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * The incoming XML stream cannot be used any more: malformed XML or UTF-8, a DTD or entity reference,
 * a token too large to skip (see {@link StreamFramingDecoder}), or an unexpected structure. Carries the RFC 6120 stream error
 * condition to answer with; the connection must be closed afterwards.
 *
 * <p>The hex dump MINA attaches to decoder exceptions is suppressed: the input may hold passwords
 * (e.g. an in-band registration form), and the message says enough without it.
 */
public final class XmlStreamException extends ProtocolDecoderException {

    private static final long serialVersionUID = 1L;

    private final String condition;
    private final String detail;

    /**
     * @param condition the stream error condition, e.g. {@code not-well-formed}
     * @param message   what was wrong, without any stanza content
     */
    public XmlStreamException(String condition, String message) {
        this(condition, message, null);
    }

    /**
     * @param condition the stream error condition, e.g. {@code not-well-formed}
     * @param message   what was wrong, without any stanza content
     * @param cause     the parser's exception, if any
     */
    public XmlStreamException(String condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition;
        this.detail = message;
        setHexdump("(not logged)");
    }

    /** @return the RFC 6120 stream error condition that describes the problem */
    public String condition() {
        return condition;
    }

    /** @return the message without MINA's hex dump suffix */
    @Override
    public String getMessage() {
        return detail;
    }
}
