package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;

class StanzaCodecTest {

    /** An extension no provider is registered for (the gateway registers one for XEP-0356's privilege). */
    private static final String UNKNOWN_EXTENSION_MESSAGE = "<message xmlns='jabber:client' from='localhost' to='msn.localhost'>"
            + "<grant xmlns='urn:example:unknown'><perm access='roster' type='both'/>"
            + "<perm access='message' type='outgoing'/></grant></message>";

    @Test
    void serializedStanzaHasNoNamespaceOfItsOwn() throws Exception {
        Message message = StanzaBuilder.buildMessage("m1").from("bob@msn.localhost").to("alice@localhost")
                .ofType(Message.Type.chat).setBody("hi").build();

        assertThat(StanzaCodec.serialize(message)).isEqualTo(
                "<message to='alice@localhost' from='bob@msn.localhost' id='m1' type='chat'><body>hi</body></message>");
    }

    @Test
    void textThatWouldBeMalformedIsMadeSafe() throws Exception {
        Message message = StanzaBuilder.buildMessage("m1").to("alice@localhost")
                .setBody("a ]]> b \u0001 c \ud83d\ude00 d \ud800 e").build();

        String xml = StanzaCodec.serialize(message);

        assertThat(xml).contains("<body>a ]]&gt; b \ufffd c \ud83d\ude00 d \ufffd e</body>");
        Message parsed = (Message) StanzaCodec.parse(xml.replace("<message ", "<message xmlns='jabber:client' "));
        assertThat(parsed.getBody()).isEqualTo("a ]]> b \ufffd c \ud83d\ude00 d \ufffd e");
    }

    @Test
    void wellFormedLeavesOrdinaryXmlUntouched() {
        String xml = "<message to='a@b'><body>caf\u00e9 \ud83d\ude00 > ]> ]]</body></message>";

        assertThat(StanzaCodec.wellFormed(xml)).isSameAs(xml);
    }

    @Test
    void unknownExtensionParsesWithoutABogusNamespaceAttribute() throws Exception {
        Stanza stanza = StanzaCodec.parse(UNKNOWN_EXTENSION_MESSAGE);

        StandardExtensionElement grant = (StandardExtensionElement) stanza.getExtensionElement("grant", "urn:example:unknown");
        assertThat(grant.getNamespace()).isEqualTo("urn:example:unknown");
        assertThat(grant.getAttributes()).doesNotContainKey("xmlns:");
        assertThat(grant.getElements("perm")).hasSize(2);
        assertThat(grant.toXML().toString()).doesNotContain("xmlns:=");
    }

    @Test
    void presenceAndIqAreParsed() throws Exception {
        Presence presence = (Presence) StanzaCodec.parse(
                "<presence xmlns='jabber:client' from='alice@localhost/pc' to='bob@msn.localhost' type='subscribe'/>");
        IQ iq = (IQ) StanzaCodec.parse("<iq xmlns='jabber:client' type='get' id='q1' from='alice@localhost/pc'"
                + " to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

        assertThat(presence.getType()).isEqualTo(Presence.Type.subscribe);
        assertThat(iq.getType()).isEqualTo(IQ.Type.get);
        assertThat(iq.getChildElementNamespace()).isEqualTo("http://jabber.org/protocol/disco#info");
    }

    @Test
    void invalidJidIsAParseException() {
        // a domain no other test uses: once jxmpp has cached a domain JID, it reads '@domain' as that domain
        assertThatThrownBy(() -> StanzaCodec.parse("<message xmlns='jabber:client' from='@invalid.codec.test'><body>x</body></message>"))
                .isInstanceOf(StanzaCodec.StanzaParseException.class);
    }
}
