package org.imbridge.xmpp.stream;

import java.io.IOException;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.stringprep.XmppStringPrepUtil;

/**
 * Smack's stanza model on a component stream. Smack has no XEP-0114 support, so only its parser and
 * serializer are used, with two namespace adjustments:
 * <ul>
 *   <li>incoming elements are parsed in the {@code jabber:client} namespace (the decoder rewrites
 *       it, see {@link StreamEvent.Element#xml()}), because Smack only fills bodies and extensions
 *       for that namespace;</li>
 *   <li>outgoing stanzas are serialized as if {@code jabber:client} were the enclosing namespace, so
 *       that no {@code xmlns} is written at all and the stanza inherits
 *       {@code jabber:component:accept} from our stream header: Prosody silently drops stanzas that
 *       carry {@code xmlns='jabber:client'} on a component stream.</li>
 * </ul>
 */
public final class StanzaCodec {

    private static final XmlEnvironment OUTGOING = XmlEnvironment.builder()
            .withNamespace(ElementWriter.CLIENT_NAMESPACE)
            .build();

    /**
     * Entries of each of jxmpp's stringprep caches (local, domain and resource parts). Its default of
     * 100 made every JID of a transport with thousands of users miss the cache, redo the stringprep
     * and evict an entry, all under the cache's one lock; 20,000 parts take about 3 MB.
     */
    static final int JID_PART_CACHE_SIZE = 20_000;

    static {
        PrefixNormalizingParser.install();
        XmppStringPrepUtil.setMaxCacheSizes(JID_PART_CACHE_SIZE);
    }

    private StanzaCodec() {
    }

    /**
     * Makes sure Smack's parser is set up for Aalto on the class path (see
     * {@link PrefixNormalizingParser}) and jxmpp's stringprep caches are sized for many users; runs
     * once, when this class is first used. Call it before
     * using Smack's own parsing elsewhere in the process (e.g. a Smack client in tests).
     */
    public static void initialize() {
        // The static initializer did the work.
    }

    /**
     * @param xml a {@code message}, {@code presence} or {@code iq} element in the {@code jabber:client}
     *            namespace
     * @return the Smack stanza
     * @throws StanzaParseException if Smack cannot make a stanza of it (e.g. an invalid JID)
     */
    public static Stanza parse(String xml) throws StanzaParseException {
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            Stanza stanza = PacketParserUtils.parseStanza(parser, XmlEnvironment.EMPTY);
            releaseBuffers(parser);
            return stanza;
        } catch (XmlPullParserException | SmackParsingException | IOException | IllegalArgumentException e) {
            throw new StanzaParseException("Smack cannot parse the stanza: " + e.getMessage(), e);
        }
    }

    /**
     * Reads on to the end of the document, which makes Aalto hand its buffers (8 KB per parser) back
     * to its per-thread recycler. Smack never closes its parsers, so without this every stanza
     * allocated fresh ones: the top allocation on the inbound message path.
     */
    private static void releaseBuffers(XmlPullParser parser) {
        try {
            while (parser.next() != XmlPullParser.Event.END_DOCUMENT) {
                // nothing but the end of the document follows a framed stanza
            }
        } catch (XmlPullParserException | IOException | RuntimeException e) {
            // The stanza is parsed; its buffers are simply not recycled.
        }
    }

    /**
     * Serializes a stanza so that the server always gets well-formed XML, whatever the text in it:
     * Smack writes {@code >} unescaped, so {@code ]]>} in a body would be malformed and is written as
     * {@code ]]&gt;} (Smack writes no CDATA sections, where this would be wrong); characters XML 1.0
     * does not allow (control characters, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD.
     *
     * @param stanza any Smack stanza
     * @return its XML, with no namespace declaration on the stanza element itself
     */
    public static String serialize(Stanza stanza) {
        return wellFormed(stanza.toXML(OUTGOING).toString());
    }

    static String wellFormed(String xml) {
        StringBuilder fixed = null;
        for (int i = 0; i < xml.length(); i++) {
            char c = xml.charAt(i);
            boolean allowed;
            boolean pair = false;
            if (Character.isHighSurrogate(c)) {
                pair = i + 1 < xml.length() && Character.isLowSurrogate(xml.charAt(i + 1));
                allowed = pair;
            } else {
                allowed = c == '\t' || c == '\n' || c == '\r'
                        || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            boolean cdataEnd = c == '>' && i >= 2 && xml.charAt(i - 1) == ']' && xml.charAt(i - 2) == ']';
            if (fixed == null && (!allowed || cdataEnd)) {
                fixed = new StringBuilder(xml.length() + 16).append(xml, 0, i);
            }
            if (fixed != null) {
                if (cdataEnd) {
                    fixed.append("&gt;");
                } else if (!allowed) {
                    fixed.append('\uFFFD');
                } else {
                    fixed.append(c);
                    if (pair) {
                        fixed.append(xml.charAt(i + 1));
                    }
                }
            }
            if (pair) {
                i++;
            }
        }
        return fixed == null ? xml : fixed.toString();
    }

    /** A top-level element that is well-formed XML but not a stanza Smack can build. */
    public static final class StanzaParseException extends Exception {
        private static final long serialVersionUID = 1L;

        StanzaParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
