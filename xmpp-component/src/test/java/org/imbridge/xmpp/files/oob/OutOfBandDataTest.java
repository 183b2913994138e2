package org.imbridge.xmpp.files.oob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imbridge.xmpp.gateway.GatewayProviders;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The XEP-0066 element on the wire and back, and what it refuses. */
class OutOfBandDataTest {

    @BeforeAll
    static void providers() {
        GatewayProviders.register();
    }

    @Test
    void isWrittenWithUrlAndDescription() {
        OutOfBandData oob = new OutOfBandData("https://files.example.org/a/b.jpg?t=1&u=2", "A <photo>");

        assertThat(oob.toXML().toString()).isEqualTo("<x xmlns='jabber:x:oob'>"
                + "<url>https://files.example.org/a/b.jpg?t=1&amp;u=2</url><desc>A &lt;photo&gt;</desc></x>");
        assertThat(new OutOfBandData("https://e.org/f", null).toXML().toString())
                .isEqualTo("<x xmlns='jabber:x:oob'><url>https://e.org/f</url></x>");
    }

    @Test
    void roundTripsThroughAMessage() throws Exception {
        Message sent = PacketParserUtils.parseStanza("<message xmlns='jabber:client' from='romeo@localhost/r' to='bob@msn.localhost'>"
                + "<body>https://files.example.org/a/b.jpg</body>"
                + new OutOfBandData("https://files.example.org/a/b.jpg?t=1&u=2", "holiday").toXML() + "</message>");

        OutOfBandData parsed = OutOfBandData.from(sent).orElseThrow();
        assertThat(parsed.url()).isEqualTo("https://files.example.org/a/b.jpg?t=1&u=2");
        assertThat(parsed.desc()).isEqualTo("holiday");
        assertThat(OutOfBandData.urlOf(sent)).contains("https://files.example.org/a/b.jpg?t=1&u=2");
    }

    @Test
    void aMessageWithoutOobHasNoUrl() throws Exception {
        Message plain = PacketParserUtils.parseStanza("<message xmlns='jabber:client' from='romeo@localhost/r'><body>hi</body></message>");

        assertThat(OutOfBandData.urlOf(plain)).isEmpty();
    }

    @Test
    void anElementWithoutUrlIsNotParsed() {
        assertThatThrownBy(() -> PacketParserUtils.parseStanza("<message xmlns='jabber:client' from='romeo@localhost/r'>"
                + "<x xmlns='jabber:x:oob'><desc>no url</desc></x></message>"))
                .isInstanceOf(SmackParsingException.class).hasMessageContaining("blank");
    }

    @Test
    void anOverLongUrlIsRefused() {
        String longUrl = "https://e.org/" + "a".repeat(OutOfBandData.MAX_LENGTH);

        assertThatThrownBy(() -> new OutOfBandData(longUrl, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketParserUtils.parseStanza("<message xmlns='jabber:client' from='romeo@localhost/r'>"
                + "<x xmlns='jabber:x:oob'><url>" + longUrl + "</url></x></message>"))
                .isInstanceOf(SmackParsingException.class);
        assertThatThrownBy(() -> new OutOfBandData("https://e.org/f", "d".repeat(OutOfBandData.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
