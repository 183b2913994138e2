package org.imbridge.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile stanzas sent through a real Prosody to the packaged transport (default
 * {@code max-stanza-bytes}, 262,144): each must be answered with an error or refused harmlessly, the
 * component stream must stay up (Prosody closing the hostile client's own stream is fine), and
 * afterwards another user's chat with an MSN contact must work.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES) // per test: the suite stays within CI's budget
class HostileInputIT {

    private static final int LEVELS = 10_000;
    private static final int MAX_STANZA_BYTES = 262_144;

    private static PackagedBridge bridge;
    private static JabberUser chatter;
    private static MsnContact peer;
    private static long streams;
    private static int round;

    @BeforeAll
    static void start() throws Exception {
        PackagedBridge.Options options = new PackagedBridge.Options();
        options.msnAccounts = "accounts:\n"
                + "  - {email: mallory@hotmail.com, password: pw, contacts: [bob@hotmail.com]}\n"
                + "  - {email: bob@hotmail.com, password: pw, contacts: [mallory@hotmail.com]}\n"
                + "  - {email: carol@hotmail.com, password: pw, contacts: [dave@hotmail.com]}\n"
                + "  - {email: dave@hotmail.com, password: pw, contacts: [carol@hotmail.com]}\n";
        bridge = new PackagedBridge(options);
        bridge.onboard("mallory", "mallory@hotmail.com", "pw");
        bridge.prosody.registerUser("eve", "xmpp-eve");
        chatter = bridge.onboard("carol", "carol@hotmail.com", "pw");
        peer = new MsnContact(bridge.msnDispatch, "dave@hotmail.com", "pw");
        await().atMost(PackagedBridge.TIMEOUT).until(() -> peer.onlineSince("carol@hotmail.com") >= 0);
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @BeforeEach
    void countStreams() {
        streams = bridge.componentOnlineCount();
    }

    /** After every case: another user's chat works both ways, on the same component stream. */
    @AfterEach
    void aChatStillWorksOnTheSameStream() {
        String text = "round " + (++round);
        chatter.trySend(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(chatter.contact("dave@hotmail.com"))
                .setBody(text).build());
        await().atMost(PackagedBridge.TIMEOUT).until(() -> peer.texts.contains(text));
        assertThat(peer.trySay("carol@hotmail.com", text + " reply")).isTrue();
        await().atMost(PackagedBridge.TIMEOUT).until(() -> chatter.bodiesEqualTo(text + " reply") == 1);
        assertThat(bridge.componentOnlineCount()).as("the component stream was never replaced").isEqualTo(streams);
        assertThat(bridge.transport.isAlive()).isTrue();
    }

    private static RawC2s raw(String user) throws Exception {
        return new RawC2s(bridge.prosody.c2sPort(), bridge.prosody.virtualHost(), user, "xmpp-" + user);
    }

    private static String bob() {
        return "bob%hotmail.com@" + bridge.transportDomain();
    }

    private static String nested() {
        return "<x xmlns='urn:example:nested'>" + "<x>".repeat(LEVELS - 1) + "</x>".repeat(LEVELS - 1) + "</x>";
    }

    @Test
    void tenThousandLevelsFromARegisteredAndAnUnregisteredUserAreBounced() throws Exception {
        try (RawC2s mallory = raw("mallory"); RawC2s eve = raw("eve")) {
            mallory.send("<message type='chat' id='deep-m' to='" + bob() + "'><body>deep</body>" + nested() + "</message>");
            eve.send("<presence id='deep-p' to='" + bridge.transportDomain() + "'>" + nested() + "</presence>");
            eve.send("<message type='chat' id='deep-e' to='" + bob() + "'><body>deep</body>" + nested() + "</message>");
            await().atMost(PackagedBridge.TIMEOUT).until(() -> mallory.errorFor("deep-m"));
            await().atMost(PackagedBridge.TIMEOUT).until(() -> eve.errorFor("deep-p") && eve.errorFor("deep-e"));
        }
    }

    @Test
    void aStanzaJustOverMaxStanzaBytesIsBouncedToItsSenderOnly() throws Exception {
        try (RawC2s mallory = raw("mallory")) {
            String head = "<message type='chat' id='big' to='" + bob() + "'><body>";
            String tail = "</body></message>";
            // under Prosody's client limit (256 KiB) as sent; the from= Prosody adds takes it over ours
            int body = MAX_STANZA_BYTES - 20 - head.length() - tail.length();
            mallory.send(head + "z".repeat(body) + tail);
            await().atMost(PackagedBridge.TIMEOUT).until(() -> mallory.errorFor("big") || mallory.closedByServer());
            SuiteFigures.record("just-over-max-stanza-bytes", (head.length() + body + tail.length()) + " bytes sent: "
                    + (mallory.errorFor("big") ? "error stanza back to the sender" : "Prosody closed the sender's stream"));
            assertThat(mallory.errorFor("big")).as("the sender got an error, Prosody let it through").isTrue();
        }
    }

    @Test
    void anOverlongUtf8SequenceAndANulCharacterReferenceAreRefused() throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (RawC2s mallory = raw("mallory")) {
            ByteArrayOutputStream overlong = new ByteArrayOutputStream();
            overlong.writeBytes(("<message type='chat' id='overlong' to='" + bob() + "'><body>a")
                    .getBytes(StandardCharsets.UTF_8));
            overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
            overlong.writeBytes("b</body></message>".getBytes(StandardCharsets.UTF_8));
            mallory.send(overlong.toByteArray());
            await().atMost(PackagedBridge.TIMEOUT).until(() -> mallory.errorFor("overlong") || mallory.closedByServer());
            outcomes.add("overlong UTF-8: " + (mallory.closedByServer() ? "Prosody closed the sender's stream"
                    : "error stanza back"));
        }
        try (RawC2s mallory = raw("mallory")) {
            mallory.send("<message type='chat' id='nul' to='" + bob() + "'><body>a&#0;b</body></message>");
            await().atMost(PackagedBridge.TIMEOUT).until(() -> mallory.errorFor("nul") || mallory.closedByServer());
            outcomes.add("&#0;: " + (mallory.closedByServer() ? "Prosody closed the sender's stream" : "error stanza back"));
        }
        SuiteFigures.record("utf8-and-nul", String.join("; ", outcomes));
    }

    @Test
    void malformedContactJidsAreAnsweredWithAnError() throws Exception {
        String domain = bridge.transportDomain();
        List<String> targets = List.of("%@" + domain, "a%b%c@" + domain, "abc%@" + domain,
                "a".repeat(3000) + "@" + domain, bob() + "/" + "r".repeat(2000));
        List<String> unanswered = new ArrayList<>();
        try (RawC2s mallory = raw("mallory")) {
            for (int i = 0; i < targets.size(); i++) {
                mallory.send("<message type='chat' id='jid-m" + i + "' to='" + targets.get(i) + "'><body>hi</body></message>");
                mallory.send("<presence type='subscribe' id='jid-s" + i + "' to='" + targets.get(i) + "'/>");
            }
            // the last case answered means every earlier one had its chance; then list the silent ones
            try {
                await().atMost(PackagedBridge.TIMEOUT).until(() -> {
                    for (int i = 0; i < targets.size(); i++) {
                        if (!mallory.errorFor("jid-m" + i) || !mallory.errorFor("jid-s" + i)) {
                            return false;
                        }
                    }
                    return true;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                for (int i = 0; i < targets.size(); i++) {
                    String shown = targets.get(i).length() > 40 ? targets.get(i).substring(0, 20) + "…("
                            + targets.get(i).length() + " chars)" : targets.get(i);
                    if (!mallory.errorFor("jid-m" + i)) {
                        unanswered.add("message to " + shown);
                    }
                    if (!mallory.errorFor("jid-s" + i)) {
                        unanswered.add("subscribe to " + shown);
                    }
                }
            }
        }
        SuiteFigures.record("malformed-jids", unanswered.isEmpty() ? "all 10 answered with an error"
                : "unanswered: " + unanswered);
        assertThat(unanswered).as("stanzas to malformed contact JIDs that got no error").isEmpty();
    }
}
