package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Attention;
import org.imbridge.msnserver.plugin.EventRecorder.Message;
import org.imbridge.msnserver.plugin.EventRecorder.Unsupported;
import org.imbridge.msnserver.plugin.PeerConversation.Nudged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What newer MSN clients send besides plain text (docs/msnp.md §8.5–§8.7), through our MSN server to
 * the plugin: chunked messages arrive whole, nudges both ways, and content the transport cannot show
 * is reported once.
 */
class MsnChunksAndNudgesTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";

    private BridgeNetwork net;
    private BridgedSession alice;
    private Peer bob;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
        alice = net.alice();
        bob = net.peer(BOB);
        alice.events().awaitPresence(BOB, Presence.AVAILABLE);
    }

    @AfterEach
    void stop() {
        net.close();
    }

    /**
     * The parts of {@code text} as a newer client cuts them: at most 1664 bytes each, every part valid
     * UTF-8 on its own (third-party servers drop one that is not), continuations without Content-Type.
     */
    private static List<MimeMessage> chunked(String id, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new ArrayList<>();
        int limit = 1450; // room for the first part's headers
        for (int start = 0; start < body.length; ) {
            int end = Math.min(body.length, start + limit);
            while (end < body.length && (body[end] & 0xC0) == 0x80) {
                end--; // not inside a UTF-8 sequence
            }
            pieces.add(Arrays.copyOfRange(body, start, end));
            start = end;
        }
        List<MimeMessage> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            parts.add(i == 0
                    ? MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"), Map.entry("Content-Type", MimeMessage.TEXT_PLAIN),
                            Map.entry("X-MMS-IM-Format", MimeMessage.DEFAULT_FORMAT), Map.entry("Message-ID", id),
                            Map.entry("Chunks", String.valueOf(pieces.size()))), pieces.get(0))
                    : MimeMessage.of(List.of(Map.entry("Message-ID", id), Map.entry("Chunk", String.valueOf(i))),
                            pieces.get(i)));
        }
        return parts;
    }

    @Test
    void aChunkedTextOfFiveKilobytesArrivesWhole() {
        // 2- and 3-byte characters everywhere, so that the cut points fall next to them.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.toString().getBytes(StandardCharsets.UTF_8).length < 5000; i++) {
            sb.append(i).append("ü☺é");
        }
        String text = sb.toString();
        List<MimeMessage> parts = chunked("{8A1B2C3D-0000-4000-8000-00000000C0DE}", text);
        assertThat(parts).hasSizeGreaterThanOrEqualTo(4);
        parts.forEach(p -> assertThat(p.toBytes().length).isLessThanOrEqualTo(1664));
        assertThat(parts.get(1).header("Content-Type")).isNull();

        PeerConversation atBob = bob.open(ALICE);
        parts.forEach(atBob::send);
        atBob.say("after");

        List<Message> messages = alice.events().awaitCount(Message.class, 2);
        assertThat(messages).extracting(Message::text).containsExactly(text, "after");
        assertThat(messages.get(0).from()).isEqualTo(LegacyAddress.of(BOB));
    }

    @Test
    void aChunkedTextCutShortByTheContactLeavingArrivesWithANote() {
        List<MimeMessage> parts = chunked("{8A1B2C3D-0000-4000-8000-0000000000AB}", "Anfang ".repeat(300));
        assertThat(parts).hasSize(2);
        PeerConversation atBob = bob.open(ALICE);

        atBob.send(parts.get(0));
        atBob.leave();

        Message cut = alice.events().await(Message.class);
        assertThat(cut.text()).startsWith("Anfang Anfang").endsWith("\r\n[message incomplete: part 2 of 2 missing]");
    }

    @Test
    void aNudgeFromTheContactIsAttention() {
        PeerConversation atBob = bob.open(ALICE);

        atBob.send(MimeMessage.nudge());
        atBob.say("hello?");

        alice.events().await(Message.class, m -> m.text().equals("hello?"));
        assertThat(alice.events().all(Attention.class)).containsExactly(new Attention(LegacyAddress.of(BOB)));
    }

    @Test
    void theUsersAttentionReachesTheContactAsANudge() {
        Peer.join(alice.session().sendAttention(LegacyAddress.of(BOB)));

        PeerConversation atBob = await().atMost(EventRecorder.TIMEOUT).until(bob::conversations, l -> !l.isEmpty()).get(0);
        await().atMost(EventRecorder.TIMEOUT).until(atBob::heard, h -> !h.isEmpty());
        assertThat(atBob.heard()).containsExactly(new Nudged(ALICE));
    }

    @Test
    void somethingUnknownIsReportedOnceAndWinksAreNamed() {
        PeerConversation atBob = bob.open(ALICE);
        MimeMessage ink = MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", "application/x-ms-ink")), "base64:AAAA".getBytes(StandardCharsets.US_ASCII));
        MimeMessage wink = MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", "text/x-msnmsgr-datacast")), "ID: 2\r\nData: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        atBob.send(ink);
        atBob.send(ink); // within the minute: not repeated
        atBob.send(wink);
        atBob.say("done");

        alice.events().await(Message.class, m -> m.text().equals("done"));
        assertThat(alice.events().all(Unsupported.class)).containsExactly(
                new Unsupported(LegacyAddress.of(BOB), "something this transport cannot show (application/x-ms-ink)"),
                new Unsupported(LegacyAddress.of(BOB), "a wink"));
    }
}
