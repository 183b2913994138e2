package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imbridge.msn.client.ChunkedMessages.Assembled;
import org.imbridge.msn.protocol.MimeMessage;
import org.junit.jupiter.api.Test;

/** {@link ChunkedMessages}: reassembly, order, duplicates, timeouts and limits, on a clock the test sets. */
class ChunkedMessagesTest {

    private static final String BOB = "bob@hotmail.com";
    private static final long SECOND = 1_000_000_000L;

    private final ChunkedMessages chunks = new ChunkedMessages(Duration.ofSeconds(30));

    /** The parts a newer client sends for {@code body}: the first with the headers and Chunks, then Chunk: i. */
    static List<MimeMessage> parts(String id, String contentType, byte[] body, int size) {
        List<MimeMessage> parts = new ArrayList<>();
        int n = (body.length + size - 1) / size;
        for (int i = 0; i < n; i++) {
            byte[] piece = java.util.Arrays.copyOfRange(body, i * size, Math.min(body.length, (i + 1) * size));
            parts.add(i == 0
                    ? MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"), Map.entry("Content-Type", contentType),
                            Map.entry("Message-ID", id), Map.entry("Chunks", String.valueOf(n))), piece)
                    : MimeMessage.of(List.of(Map.entry("Message-ID", id), Map.entry("Chunk", String.valueOf(i))), piece));
        }
        return parts;
    }

    static List<MimeMessage> textParts(String id, String text, int size) {
        return parts(id, MimeMessage.TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8), size);
    }

    private List<Assembled> offer(MimeMessage part, long now) {
        return chunks.offer(BOB, "Bob", part, now);
    }

    @Test
    void partsInOrderMakeOneMessageWithTheFirstPartsHeaders() {
        String text = "Grüße ☺ ".repeat(40); // multi-byte characters cut between parts
        List<MimeMessage> parts = textParts("{A}", text, 50);
        assertThat(parts).hasSizeGreaterThan(5);

        List<Assembled> ready = new ArrayList<>();
        for (MimeMessage p : parts) {
            assertThat(ready).isEmpty();
            ready.addAll(offer(p, 0));
        }

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.isComplete()).isTrue();
            assertThat(m.from()).isEqualTo(BOB);
            assertThat(m.message().bodyText()).isEqualTo(text);
            assertThat(m.message().contentType()).isEqualTo("text/plain");
            assertThat(m.message().header("Chunks")).isNull();
            assertThat(m.message().header("Message-ID")).isNull();
        });
        assertThat(chunks.inFlight()).isZero();
    }

    @Test
    void partsOutOfOrderAreReassembledInOrder() {
        List<MimeMessage> parts = textParts("{B}", "0123456789abcdefghij", 5);

        assertThat(offer(parts.get(2), 0)).isEmpty();
        assertThat(offer(parts.get(3), 0)).isEmpty();
        assertThat(offer(parts.get(0), 0)).isEmpty(); // the first part need not come first
        List<Assembled> ready = offer(parts.get(1), 0);

        assertThat(ready).singleElement().satisfies(m -> assertThat(m.message().bodyText()).isEqualTo("0123456789abcdefghij"));
    }

    @Test
    void duplicatePartsAreIgnoredBeforeAndAfterTheMessageIsWhole() {
        List<MimeMessage> parts = textParts("{C}", "aaaaabbbbbccccc", 5);

        offer(parts.get(0), 0);
        assertThat(offer(parts.get(0), 0)).isEmpty();
        offer(parts.get(1), 0);
        assertThat(offer(parts.get(1), 0)).isEmpty();
        List<Assembled> ready = offer(parts.get(2), 0);
        assertThat(ready).singleElement().satisfies(m -> assertThat(m.message().bodyText()).isEqualTo("aaaaabbbbbccccc"));

        assertThat(offer(parts.get(2), 0)).isEmpty(); // late copy of a delivered message
        assertThat(chunks.inFlight()).isZero();
        assertThat(chunks.expire(Long.MAX_VALUE / 2)).isEmpty();
    }

    @Test
    void aMissingPartIsReportedWhenTheTimeoutPassesNeverDropped() {
        List<MimeMessage> parts = textParts("{D}", "aaaaabbbbbcccccdddddeeeee", 5);
        offer(parts.get(0), 0);
        offer(parts.get(1), 1 * SECOND);
        offer(parts.get(3), 2 * SECOND);
        offer(parts.get(4), 3 * SECOND);

        assertThat(chunks.nextDeadline()).isEqualTo(30 * SECOND); // from the first part
        assertThat(chunks.expire(29 * SECOND)).isEmpty();
        List<Assembled> ready = chunks.expire(30 * SECOND);

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.isComplete()).isFalse();
            assertThat(m.note()).isEqualTo("[message incomplete: part 3 of 5 missing]");
            assertThat(m.message().bodyText()).isEqualTo("aaaaabbbbbdddddeeeee");
        });
        assertThat(chunks.nextDeadline()).isEqualTo(-1);
        assertThat(offer(parts.get(2), 31 * SECOND)).as("the straggler of a delivered message").isEmpty();
    }

    @Test
    void continuationsWithoutTheirFirstPartAreDeliveredAsTextWithANote() {
        List<MimeMessage> parts = textParts("{E}", "aaaaabbbbbccccc", 5);
        offer(parts.get(1), 0);
        offer(parts.get(2), 0);

        List<Assembled> ready = chunks.expire(30 * SECOND);

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.note()).isEqualTo("[message incomplete: its beginning is missing]");
            assertThat(m.message().contentType()).isEqualTo("text/plain");
            assertThat(m.message().bodyText()).isEqualTo("bbbbbccccc");
        });
    }

    @Test
    void severalMissingPartsAreNamed() {
        List<MimeMessage> parts = textParts("{F}", "aaaaabbbbbcccccddddd", 5);
        offer(parts.get(0), 0);
        offer(parts.get(2), 0);

        assertThat(chunks.drain()).singleElement()
                .satisfies(m -> assertThat(m.note()).isEqualTo("[message incomplete: parts 2, 4 of 4 missing]"));
    }

    @Test
    void tooManyChunksEndTheMessageWithWhatCameAndANote() {
        byte[] body = "x".repeat(ChunkedMessages.MAX_CHUNKS + 10).getBytes(StandardCharsets.US_ASCII);
        List<MimeMessage> parts = parts("{G}", MimeMessage.TEXT_PLAIN, body, 1);

        List<Assembled> ready = offer(parts.get(0), 0);

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.note()).isEqualTo("[message truncated: more than 64 parts]");
            assertThat(m.message().bodyText()).isEqualTo("x");
        });
        assertThat(offer(parts.get(1), 0)).as("later parts of an ended message").isEmpty();
        assertThat(chunks.inFlight()).isZero();
    }

    @Test
    void aContinuationNumberedBeyondTheLimitEndsTheMessage() {
        List<MimeMessage> parts = textParts("{H}", "aaaaabbbbb", 5);
        offer(parts.get(0), 0);
        MimeMessage far = MimeMessage.of(List.of(Map.entry("Message-ID", "{H}"), Map.entry("Chunk", "64")),
                "zz".getBytes(StandardCharsets.US_ASCII));

        assertThat(offer(far, 0)).singleElement().satisfies(m -> {
            assertThat(m.note()).isEqualTo("[message truncated: more than 64 parts]");
            assertThat(m.message().bodyText()).isEqualTo("aaaaa");
        });
    }

    @Test
    void tooManyBytesEndTheMessageWithWhatFitsAndANote() {
        byte[] body = new byte[ChunkedMessages.MAX_BYTES + 1000];
        java.util.Arrays.fill(body, (byte) 'y');
        List<MimeMessage> parts = parts("{I}", MimeMessage.TEXT_PLAIN, body, 1500);
        assertThat(parts).hasSizeLessThanOrEqualTo(ChunkedMessages.MAX_CHUNKS);

        List<Assembled> ready = new ArrayList<>();
        for (MimeMessage p : parts) {
            ready.addAll(offer(p, 0));
        }

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.note()).isEqualTo("[message truncated: longer than 64 KiB]");
            assertThat(m.message().body().length).isLessThanOrEqualTo(ChunkedMessages.MAX_BYTES)
                    .isGreaterThan(ChunkedMessages.MAX_BYTES - 1500);
        });
    }

    @Test
    void interleavedMessagesOfTwoSendersAndIdsStaySeparate() {
        List<MimeMessage> one = textParts("{J}", "1111122222", 5);
        List<MimeMessage> two = textParts("{K}", "3333344444", 5);
        List<MimeMessage> carols = textParts("{J}", "5555566666", 5); // same id, another sender

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            offer(one.get(i), 0).forEach(m -> texts.add(m.message().bodyText()));
            offer(two.get(i), 0).forEach(m -> texts.add(m.message().bodyText()));
            chunks.offer("carol@hotmail.com", "Carol", carols.get(i), 0)
                    .forEach(m -> texts.add(m.from() + ":" + m.message().bodyText()));
        }

        assertThat(texts).containsExactly("1111122222", "3333344444", "carol@hotmail.com:5555566666");
    }

    @Test
    void tooManyMessagesInFlightPushTheOldestOutWithANote() {
        for (int i = 0; i < ChunkedMessages.MAX_IN_FLIGHT; i++) {
            assertThat(offer(textParts("{" + i + "}", "aaaaabbbbb", 5).get(0), i)).isEmpty();
        }

        List<Assembled> ready = offer(textParts("{new}", "ccccc", 3).get(0), 100);

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.note()).isEqualTo("[message incomplete: too many long messages at once]");
            assertThat(m.message().bodyText()).isEqualTo("aaaaa");
        });
        assertThat(chunks.inFlight()).isEqualTo(ChunkedMessages.MAX_IN_FLIGHT);
    }

    @Test
    void chunkedPartsOfOtherContentTypesAreReassembledToo() {
        String invite = "Application-Name: File Transfer\r\nInvitation-Command: INVITE\r\nApplication-File: notes.txt\r\n\r\n";
        List<MimeMessage> parts = parts("{L}", "text/x-msmsgsinvite; charset=UTF-8",
                invite.getBytes(StandardCharsets.UTF_8), 20);

        List<Assembled> ready = new ArrayList<>();
        parts.forEach(p -> ready.addAll(offer(p, 0)));

        assertThat(ready).singleElement().satisfies(m -> {
            assertThat(m.message().contentType()).isEqualTo("text/x-msmsgsinvite");
            assertThat(m.message().bodyField("Application-File")).isEqualTo("notes.txt");
        });
    }

    @Test
    void aPartWithAnUnreadableNumberIsDeliveredAsItIs() {
        MimeMessage odd = MimeMessage.of(List.of(Map.entry("Message-ID", "{M}"), Map.entry("Chunk", "two")),
                "text".getBytes(StandardCharsets.US_ASCII));

        assertThat(ChunkedMessages.isPart(odd)).isTrue();
        assertThat(offer(odd, 0)).singleElement().satisfies(m -> assertThat(m.note()).isNotNull());
        assertThat(ChunkedMessages.isPart(MimeMessage.text("plain"))).isFalse();
    }
}
