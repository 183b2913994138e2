package org.imbridge.xmpp.files.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.imbridge.xmpp.gateway.GatewayProviders;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The XEP-0363 request and slot on the wire, and the slots refused. */
class UploadSlotTest {

    private static final String SLOT_IQ = "<iq xmlns='jabber:client' type='result' id='s1' from='upload.localhost'"
            + " to='msn.localhost'><slot xmlns='urn:xmpp:http:upload:0'>%s</slot></iq>";

    @BeforeAll
    static void providers() {
        GatewayProviders.register();
    }

    @Test
    void theRequestCarriesNameSizeAndType() throws Exception {
        UploadRequest request = new UploadRequest(JidCreate.from("msn.localhost"), JidCreate.from("upload.localhost"),
                "très'bien.jpg", 23456, "image/jpeg");

        assertThat(request.getType()).isEqualTo(IQ.Type.get);
        assertThat(request.getChildElementXML().toString()).isEqualTo("<request xmlns='urn:xmpp:http:upload:0'"
                + " filename='très&apos;bien.jpg' size='23456' content-type='image/jpeg'/>");
        assertThatThrownBy(() -> new UploadRequest(null, JidCreate.from("upload.localhost"), "a", 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadRequest(null, JidCreate.from("upload.localhost"), " ", 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSlotIsParsedWithItsAllowedHeaders() throws Exception {
        IQ iq = PacketParserUtils.parseStanza(String.format(SLOT_IQ,
                "<put url='https://upload.localhost/abc/a.jpg'>"
                        + "<header name='Authorization'>Basic Base64String==</header>"
                        + "<header name='cookie'>foo=bar; user=romeo</header>"
                        + "<header name='X-Evil'>GET /admin</header>"
                        + "<header name='Host'>internal.example</header>"
                        + "</put><get url='https://download.localhost/abc/a.jpg'/>"));

        assertThat(iq).isInstanceOf(UploadSlot.class);
        UploadSlot slot = (UploadSlot) iq;
        assertThat(slot.putUrl()).isEqualTo(URI.create("https://upload.localhost/abc/a.jpg"));
        assertThat(slot.getUrl()).isEqualTo(URI.create("https://download.localhost/abc/a.jpg"));
        assertThat(slot.putHeaders()).containsExactly(Map.entry("Authorization", "Basic Base64String=="),
                Map.entry("Cookie", "foo=bar; user=romeo"));
    }

    @Test
    void aSlotRoundTrips() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer x&y");
        headers.put("Expires", "Tue, 15 Nov 1994 08:12:31 GMT");
        UploadSlot slot = new UploadSlot(URI.create("https://up.localhost/p?a=1&b=2"), headers,
                URI.create("https://down.localhost/g"));
        slot.setStanzaId("s2");
        slot.setFrom(JidCreate.from("upload.localhost"));

        UploadSlot parsed = PacketParserUtils.parseStanza(slot.toXML().toString());

        assertThat(parsed.putUrl()).isEqualTo(slot.putUrl());
        assertThat(parsed.getUrl()).isEqualTo(slot.getUrl());
        assertThat(parsed.putHeaders()).containsExactlyEntriesOf(headers);
    }

    @Test
    void aNewlineInAHeaderValueIsRefused() {
        assertThatThrownBy(() -> PacketParserUtils.parseStanza(String.format(SLOT_IQ,
                "<put url='https://upload.localhost/a'><header name='Cookie'>a=b\r\nX-Injected: 1</header></put>"
                        + "<get url='https://download.localhost/a'/>")))
                .isInstanceOf(SmackParsingException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> new UploadSlot(URI.create("https://u/a"), Map.of("Authorization", "a\nb"),
                URI.create("https://d/a"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSlotWithoutPutUrlIsRefused() {
        assertThatThrownBy(() -> PacketParserUtils.parseStanza(String.format(SLOT_IQ,
                "<put/><get url='https://download.localhost/a'/>")))
                .isInstanceOf(SmackParsingException.class).hasMessageContaining("no put URL");
        assertThatThrownBy(() -> PacketParserUtils.parseStanza(String.format(SLOT_IQ,
                "<get url='https://download.localhost/a'/>")))
                .isInstanceOf(SmackParsingException.class);
    }

    @Test
    void aSlotWithANonHttpUrlIsRefused() {
        assertThatThrownBy(() -> PacketParserUtils.parseStanza(String.format(SLOT_IQ,
                "<put url='file:///etc/passwd'/><get url='https://download.localhost/a'/>")))
                .isInstanceOf(SmackParsingException.class);
        assertThatThrownBy(() -> PacketParserUtils.parseStanza(String.format(SLOT_IQ,
                "<put url='https://upload.localhost/a'/><get url='not a url'/>")))
                .isInstanceOf(SmackParsingException.class);
    }
}
