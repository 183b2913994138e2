package org.imbridge.xmpp.gateway;

import org.imbridge.xmpp.stream.StanzaCodec;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;

/** Test helpers: stanzas from XML as a client would send them, and back to XML. */
public final class Stanzas {

    private Stanzas() {
    }

    @SuppressWarnings("unchecked")
    public static <S extends Stanza> S parse(String xml) {
        GatewayProviders.register();
        StanzaCodec.initialize(); // the component's parser set-up, under which unknown extensions parse
        try {
            return (S) PacketParserUtils.parseStanza(xml);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot parse " + xml, e);
        }
    }

    public static String xml(Stanza stanza) {
        return stanza.toXML(XmlEnvironment.builder().withNamespace("jabber:client").build()).toString();
    }
}
