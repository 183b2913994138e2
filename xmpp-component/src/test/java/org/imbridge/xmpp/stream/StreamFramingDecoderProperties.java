package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;

class StreamFramingDecoderProperties {

    @Property(tries = 200)
    void anyChunkingOfAnyBodiesYieldsTheSameStanzas(@ForAll @Size(min = 1, max = 5) List<@net.jqwik.api.From("bodies") String> bodies,
                                                     @ForAll @IntRange(min = 1, max = 64) int chunkSize) throws Exception {
        StringBuilder stream = new StringBuilder(StreamFramingDecoderTest.PROSODY_HEADER);
        for (int i = 0; i < bodies.size(); i++) {
            stream.append(StanzaCodec.serialize(StanzaBuilder.buildMessage("m" + i).to("a@msn.localhost")
                    .setBody(bodies.get(i)).build()));
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);

        List<Object> events = new ArrayList<>();
        StreamFramingDecoder decoder = new StreamFramingDecoder(64 * 1024);
        ProtocolCodecSession session = new ProtocolCodecSession();
        for (int start = 0; start < bytes.length; start += chunkSize) {
            decoder.decode(session, IoBuffer.wrap(Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + chunkSize))),
                    session.getDecoderOutput());
        }
        events.addAll(session.getDecoderOutputQueue());

        assertThat(events).hasSize(bodies.size() + 1);
        for (int i = 0; i < bodies.size(); i++) {
            Message message = (Message) StanzaCodec.parse(((StreamEvent.Element) events.get(i + 1)).xml());
            assertThat(message.getBody()).isEqualTo(expectedBody(bodies.get(i)));
        }
    }

    /** What a receiver sees: unsafe characters replaced, and line ends normalized by the XML parser. */
    private static String expectedBody(String sent) {
        return StanzaCodec.wellFormed(sent).replace("]]&gt;", "]]>").replace("\r\n", "\n").replace('\r', '\n');
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80);
        Arbitrary<String> textLike = Arbitraries.strings().withChars("ab \r\n<>&'\"]\u00e9\u20ac\ud83d\ude00")
                .ofMinLength(1).ofMaxLength(40);
        return Arbitraries.oneOf(anything, textLike).filter(s -> !s.isBlank());
    }

    // ---- fuzz: whatever the bytes and however they are split, events or an XmlStreamException ----

    private static final byte[][] FRAGMENTS = fragments();

    @Property(tries = 1000)
    void mutatedStreamsOnlyEverYieldEventsOrAnXmlStreamException(@ForAll long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = mutate(baseStream(random), random);

        feedChecked(bytes, random, LIMITS[random.nextInt(LIMITS.length)]);
    }

    @Property(tries = 500)
    void randomBytesAfterTheHeaderOnlyEverYieldEventsOrAnXmlStreamException(@ForAll @Size(max = 3000) byte[] noise,
                                                                             @ForAll long splitSeed) throws Exception {
        byte[] header = StreamFramingDecoderTest.PROSODY_HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(header, header.length + noise.length);
        System.arraycopy(noise, 0, bytes, header.length, noise.length);

        feedChecked(bytes, new SplittableRandom(splitSeed), 1024);
    }

    @Property(tries = 200)
    void afterARejectedElementTheFollowingStanzasStillComeThrough(
            @ForAll boolean tooDeep,
            @ForAll @IntRange(min = StreamFramingDecoder.MAX_NESTING_DEPTH + 1, max = 3000) int depth,
            @ForAll @IntRange(min = 4097, max = 40_000) int size,
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("bodies") String> bodies,
            @ForAll long splitSeed) throws Exception {
        StringBuilder stream = new StringBuilder(StreamFramingDecoderTest.PROSODY_HEADER);
        stream.append(tooDeep ? StreamFramingDecoderTest.nested(depth, "bad")
                : "<message from='a@localhost/r' id='bad'><body>" + "x".repeat(size) + "</body></message>");
        for (int i = 0; i < bodies.size(); i++) {
            stream.append(StanzaCodec.serialize(StanzaBuilder.buildMessage("m" + i).to("a@msn.localhost")
                    .setBody(bodies.get(i)).build()));
        }

        List<Object> events = feedChecked(stream.toString().getBytes(StandardCharsets.UTF_8),
                new SplittableRandom(splitSeed), 4096);

        assertThat(events).hasSize(bodies.size() + 2);
        assertThat(events.get(1)).isEqualTo(new StreamEvent.Rejected(tooDeep
                ? new StreamEvent.Envelope("message", StreamEvent.COMPONENT_NAMESPACE, "alice@localhost/pc",
                        "bob@msn.localhost", "bad", "")
                : new StreamEvent.Envelope("message", StreamEvent.COMPONENT_NAMESPACE, "a@localhost/r", "", "bad", ""),
                tooDeep ? StreamEvent.Rejected.Reason.TOO_DEEP : StreamEvent.Rejected.Reason.TOO_LARGE));
        for (int i = 0; i < bodies.size(); i++) {
            Message message = (Message) StanzaCodec.parse(((StreamEvent.Element) events.get(i + 2)).xml());
            assertThat(message.getStanzaId()).isEqualTo("m" + i);
            assertThat(message.getBody()).isEqualTo(expectedBody(bodies.get(i)));
        }
    }

    /** About 12,000 distinct names a try, so the parser is renewed several times in each. */
    @Property(tries = 15)
    void parserRenewalsAmongRejectionsLoseNoStanzaWhateverTheReads(@ForAll long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder stream = new StringBuilder(StreamFramingDecoderTest.PROSODY_HEADER);
        List<String> expected = new ArrayList<>();
        int name = random.nextInt(1_000_000);
        for (int i = 0; i < 24; i++) {
            if (random.nextInt(6) == 0) {
                stream.append(StreamFramingDecoderTest.nested(StreamFramingDecoder.MAX_NESTING_DEPTH + 1, "deep" + i));
                expected.add("rejected");
                continue;
            }
            stream.append("<message from='a@localhost/r' id='s").append(i).append("'>");
            for (int k = random.nextInt(400); k > 0; k--, name++) {
                stream.append("<p").append(name).append(":n xmlns:p").append(name).append("='urn:x' a").append(name)
                        .append("='v'/>");
            }
            stream.append("<body>").append(i).append("</body></message>");
            expected.add("s" + i);
        }
        stream.append("</stream:stream>");

        List<Object> events = feedChecked(stream.toString().getBytes(StandardCharsets.UTF_8), random, 256 * 1024);

        assertThat(events).hasSize(expected.size() + 2);
        for (int i = 0; i < expected.size(); i++) {
            Object event = events.get(i + 1);
            if (expected.get(i).equals("rejected")) {
                assertThat(event).isInstanceOf(StreamEvent.Rejected.class);
            } else {
                assertThat(StanzaCodec.parse(((StreamEvent.Element) event).xml()).getStanzaId()).isEqualTo(expected.get(i));
            }
        }
        assertThat(events).last().isInstanceOf(StreamEvent.Closed.class);
    }

    private static final int[] LIMITS = {300, 4096, 64 * 1024};

    /**
     * Feeds the bytes in random pieces. Anything thrown other than an {@link XmlStreamException} fails
     * the property; after one, the decoder must swallow further input silently.
     *
     * @return the events produced up to the end or the failure
     */
    private static List<Object> feedChecked(byte[] bytes, SplittableRandom random, int limit) throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(limit);
        ProtocolCodecSession session = new ProtocolCodecSession();
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(bytes.length, start + 1 + random.nextInt(random.nextBoolean() ? 8 : 700));
            IoBuffer buffer = IoBuffer.wrap(Arrays.copyOfRange(bytes, start, end));
            try {
                decoder.decode(session, buffer, session.getDecoderOutput());
            } catch (XmlStreamException e) {
                assertThat(e.condition()).isNotBlank();
                assertThat(e.getMessage()).hasSizeLessThan(400);
                decoder.decode(session, IoBuffer.wrap(new byte[] {'<', 'x', '/', '>'}), session.getDecoderOutput());
                break;
            }
            assertThat(buffer.hasRemaining()).isFalse();
            start = end;
        }
        List<Object> events = new ArrayList<>(session.getDecoderOutputQueue());
        assertThat(events).allMatch(StreamEvent.class::isInstance);
        return events;
    }

    private static byte[] baseStream(SplittableRandom random) {
        StringBuilder xml = new StringBuilder(StreamFramingDecoderTest.PROSODY_HEADER).append("<handshake/>");
        int stanzas = 1 + random.nextInt(5);
        for (int i = 0; i < stanzas; i++) {
            switch (random.nextInt(6)) {
                case 0 -> xml.append(StreamFramingDecoderTest.MESSAGE);
                case 1 -> xml.append(StreamFramingDecoderTest.nested(1 + random.nextInt(400), "n" + i));
                case 2 -> xml.append("<message from='a@localhost/r' id='l").append(i).append("'><body>")
                        .append("y".repeat(random.nextInt(70_000))).append("</body></message>");
                case 3 -> xml.append("<iq type='get' id='q").append(i).append("' from='a@localhost/r'>"
                        + "<p:query xmlns:p='jabber:iq:version'><![CDATA[<x>]]><!-- c --><?pi x?></p:query></iq>");
                case 4 -> xml.append(" \n\t ");
                default -> xml.append("<presence from='a@localhost/r' xml:lang='en'><status>&amp;&#x20AC;</status></presence>");
            }
        }
        if (random.nextBoolean()) {
            xml.append("</stream:stream>");
        }
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(byte[] base, SplittableRandom random) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(base.length + 64);
        out.writeBytes(base);
        byte[] bytes = out.toByteArray();
        int mutations = random.nextInt(6);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> {
                    bytes[at] = (byte) random.nextInt(256);
                    yield bytes;
                }
                case 1 -> splice(bytes, at, 0, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(20)), new byte[0]);
                default -> Arrays.copyOf(bytes, at);
            };
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] result = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
        return result;
    }

    private static byte[][] fragments() {
        List<byte[]> list = new ArrayList<>();
        for (String s : List.of("<", ">", "&", "&#0;", "&#x1;", "&#xD800;", "&#x110000;", "&amp;", "&lt", "&xxe;",
                "</message>", "<x>".repeat(300), "</x>", "<![CDATA[", "]]>", "<!--", "-->", "<?pi ", "?>",
                "<!DOCTYPE x>", "<!ENTITY a 'b'>", " xmlns:p='u'", "<p:x/>", "<q:x/>", "'", "\"", "=",
                "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
                "</stream:stream>", "<handshake/>", "\u0000", "\u00e9", "\ud83d\ude00", "\uFFFE")) {
            list.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (String hex : List.of("C0AF", "E080AF", "F08080AF", "EDA080", "F4908080", "F5", "FF", "80", "C3", "E282")) {
            list.add(java.util.HexFormat.of().parseHex(hex));
        }
        return list.toArray(new byte[0][]);
    }
}
