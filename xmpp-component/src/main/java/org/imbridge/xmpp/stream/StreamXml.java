package org.imbridge.xmpp.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The XML the component writes itself: its stream header, the XEP-0114 handshake, a stream error, the end. */
public final class StreamXml {

    private StreamXml() {
    }

    /**
     * @param streamId the id from the server's stream header
     * @param secret   the shared secret
     * @return lowercase hex SHA-1 of the UTF-8 bytes of stream id followed by secret (XEP-0114 §3)
     */
    public static String digest(String streamId, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /**
     * @param streamId the id from the server's stream header
     * @param secret   the shared secret
     * @return the {@code <handshake>} element to send
     */
    static String handshake(String streamId, String secret) {
        return "<handshake>" + digest(streamId, secret) + "</handshake>";
    }

    /**
     * @param domain the component's domain, already a valid JID (so it needs no escaping beyond quotes)
     * @return the stream header the component opens its stream with
     */
    static String streamHeader(String domain) {
        return "<?xml version='1.0'?><stream:stream xmlns='" + StreamEvent.COMPONENT_NAMESPACE
                + "' xmlns:stream='" + StreamEvent.STREAMS_NAMESPACE + "' to='" + escapeAttribute(domain) + "'>";
    }

    /** The end of the component's stream. */
    static final String STREAM_END = "</stream:stream>";

    /** The whitespace keepalive: a single space between top-level elements. */
    static final String KEEPALIVE = " ";

    /**
     * @param text any text
     * @return the number of bytes of its UTF-8 encoding, without encoding it
     */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * @param condition an RFC 6120 stream error condition
     * @param text      a human-readable explanation
     * @return a {@code <stream:error>} followed by the end of the stream
     */
    static String streamError(String condition, String text) {
        return "<stream:error><" + condition + " xmlns='" + StreamEvent.STREAM_ERROR_NAMESPACE + "'/><text xmlns='"
                + StreamEvent.STREAM_ERROR_NAMESPACE + "'>" + escapeText(text) + "</text></stream:error>" + STREAM_END;
    }

    private static String escapeAttribute(String s) {
        return escapeText(s).replace("'", "&apos;").replace("\"", "&quot;");
    }

    private static String escapeText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
