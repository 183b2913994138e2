package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * What newer MSN clients send besides plain text, end to end: a long text in chunks, nudges both
 * ways, and content the transport cannot show, which the user is told about.
 */
class MessageContentEndToEndTest {

    private static final String ATTENTION = "urn:xmpp:attention:0";
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com"),
                AccountSpec.of("r2@hotmail.com", "pw", "Romeo Two").withContacts("b2@hotmail.com"),
                AccountSpec.of("b2@hotmail.com", "pw", "Bob Two").withContacts("r2@hotmail.com"),
                AccountSpec.of("r3@hotmail.com", "pw", "Romeo Three").withContacts("b3@hotmail.com"),
                AccountSpec.of("b3@hotmail.com", "pw", "Bob Three").withContacts("r3@hotmail.com")),
                List.of("*@localhost"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aFiveThousandByteTextSentInChunksArrivesWhole() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.toString().getBytes(StandardCharsets.UTF_8).length < 5000; i++) {
                text.append("Zeile ").append(i).append(": Grüße ☺ ");
            }

            for (MimeMessage part : chunksOf("{0E2E0000-0000-4000-8000-000000005000}", text.toString())) {
                assertThat(part.toBytes().length).isLessThanOrEqualTo(1664);
                bob.send("r1@hotmail.com", part);
            }

            Jid bobJid = romeo.contact("b1@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> !romeo.chatFrom(bobJid).isEmpty());
            assertThat(romeo.chatFrom(bobJid)).extracting(Message::getBody).containsExactly(text.toString());
        }
    }

    @Test
    void nudgesTravelBothWaysAsAttention() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b2@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo2", "r2@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b2@hotmail.com");

            bob.nudge("r2@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(bobJid).stream()
                    .anyMatch(m -> m.getExtensionElement("attention", ATTENTION) != null));

            romeo.send(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(bobJid)
                    .addExtension(StandardExtensionElement.builder("attention", ATTENTION).build()).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.nudgedBy.contains("r2@hotmail.com"));
        }
    }

    @Test
    void contentTheTransportCannotShowIsToldToTheUser() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b3@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo3", "r3@hotmail.com", "pw");
            MimeMessage strange = MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"),
                    Map.entry("Content-Type", "application/x-something-new")), "?".getBytes(StandardCharsets.UTF_8));

            bob.send("r3@hotmail.com", strange);

            Jid bobJid = romeo.contact("b3@hotmail.com");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(bobJid).stream()
                    .anyMatch(m -> String.valueOf(m.getBody()).contains("cannot show")));
            assertThat(romeo.chatFrom(bobJid)).hasSize(1);
        }
    }

    /** A long text as newer clients send it: parts of at most 1664 bytes, never cut inside a character. */
    private static List<MimeMessage> chunksOf(String messageId, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new ArrayList<>();
        for (int start = 0, end; start < body.length; start = end) {
            end = Math.min(body.length, start + 1400);
            while (end < body.length && (body[end] & 0xC0) == 0x80) {
                end--;
            }
            pieces.add(Arrays.copyOfRange(body, start, end));
        }
        List<MimeMessage> parts = new ArrayList<>();
        parts.add(MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"), Map.entry("Content-Type", MimeMessage.TEXT_PLAIN),
                Map.entry("Message-ID", messageId), Map.entry("Chunks", String.valueOf(pieces.size()))), pieces.get(0)));
        for (int i = 1; i < pieces.size(); i++) {
            parts.add(MimeMessage.of(List.of(Map.entry("Message-ID", messageId), Map.entry("Chunk", String.valueOf(i))),
                    pieces.get(i)));
        }
        return parts;
    }
}
