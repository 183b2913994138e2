package org.imbridge.xmpp.stream;

import java.io.IOException;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParserException;

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

    private StanzaCodec() {
    }

    /**
     * @param xml a {@code message}, {@code presence} or {@code iq} element in the {@code jabber:client}
     *            namespace
     * @return the Smack stanza
     * @throws StanzaParseException if Smack cannot make a stanza of it (e.g. an invalid JID)
     */
    public static Stanza parse(String xml) throws StanzaParseException {
        try {
            return PacketParserUtils.parseStanza(xml);
        } catch (XmlPullParserException | SmackParsingException | IOException | IllegalArgumentException e) {
            throw new StanzaParseException("Smack cannot parse the stanza: " + e.getMessage(), e);
        }
    }

    /**
     * @param stanza any Smack stanza
     * @return its XML, with no namespace declaration on the stanza element itself
     */
    public static String serialize(Stanza stanza) {
        return stanza.toXML(OUTGOING).toString();
    }

    /** A top-level element that is well-formed XML but not a stanza Smack can build. */
    public static final class StanzaParseException extends Exception {
        private static final long serialVersionUID = 1L;

        StanzaParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
