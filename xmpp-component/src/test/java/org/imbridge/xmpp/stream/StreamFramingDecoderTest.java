package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class StreamFramingDecoderTest {

    /** The header Prosody 0.12 sends on a component stream (captured). */
    static final String PROSODY_HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xml:lang='en' id='3a2944d9-e20a-4e61-8f87-a686e13522d8' from='msn.localhost'"
            + " xmlns='jabber:component:accept'>";

    static final String MESSAGE = "<message from='alice@localhost/pc' to='bob@msn.localhost' type='chat' id='m1'>"
            + "<body>h\u00e9llo \u20ac \ud83d\ude00 &amp; &lt;tag&gt; ]]&gt;</body>"
            + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>";

    static final String FULL_STREAM = PROSODY_HEADER + "<handshake/>" + MESSAGE
            + "\n <presence from='alice@localhost/pc' to='bob@msn.localhost'/></stream:stream>";

    private final ProtocolCodecSession session = new ProtocolCodecSession();

    @Test
    void decodesHeaderHandshakeStanzasAndEnd() throws Exception {
        List<Object> events = decode(new StreamFramingDecoder(1024), FULL_STREAM.getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(5);
        assertThat(events.get(0)).asInstanceOf(type(StreamEvent.Opened.class)).satisfies(opened -> {
            assertThat(opened.id()).isEqualTo("3a2944d9-e20a-4e61-8f87-a686e13522d8");
            assertThat(opened.from()).isEqualTo("msn.localhost");
            assertThat(opened.attributes()).containsEntry("xml:lang", "en");
        });
        assertThat(events.get(1)).isInstanceOf(StreamEvent.HandshakeAccepted.class);
        assertThat(events.get(2)).asInstanceOf(type(StreamEvent.Element.class)).satisfies(element -> {
            assertThat(element.name()).isEqualTo("message");
            assertThat(element.namespace()).isEqualTo("jabber:component:accept");
            assertThat(element.isStanza()).isTrue();
            assertThat(element.xml()).startsWith("<message xmlns='jabber:client' from='alice@localhost/pc'");
        });
        assertThat(events.get(3)).asInstanceOf(type(StreamEvent.Element.class))
                .extracting(StreamEvent.Element::name).isEqualTo("presence");
        assertThat(events.get(4)).isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void reserializedMessageKeepsItsBodyAndExtensionsForSmack() throws Exception {
        List<Object> events = decode(new StreamFramingDecoder(1024), FULL_STREAM.getBytes(StandardCharsets.UTF_8));

        Message message = (Message) StanzaCodec.parse(((StreamEvent.Element) events.get(2)).xml());
        assertThat(message.getBody()).isEqualTo("h\u00e9llo \u20ac \ud83d\ude00 & <tag> ]]>");
        assertThat(message.getType()).isEqualTo(Message.Type.chat);
        assertThat(message.getStanzaId()).isEqualTo("m1");
        assertThat(message.getFrom().toString()).isEqualTo("alice@localhost/pc");
        assertThat(message.hasExtension("active", "http://jabber.org/protocol/chatstates")).isTrue();
    }

    @Test
    void byteAtATimeGivesTheSameEvents() throws Exception {
        byte[] bytes = FULL_STREAM.getBytes(StandardCharsets.UTF_8);
        List<Object> whole = decode(new StreamFramingDecoder(1024), bytes);

        StreamFramingDecoder decoder = new StreamFramingDecoder(1024);
        List<Object> events = new ArrayList<>();
        for (byte b : bytes) {
            events.addAll(decode(decoder, new byte[] {b}));
        }

        assertThat(events).isEqualTo(whole);
    }

    @Test
    void everySplitPointGivesTheSameEvents() throws Exception {
        byte[] bytes = FULL_STREAM.getBytes(StandardCharsets.UTF_8);
        List<Object> whole = decode(new StreamFramingDecoder(1024), bytes);

        assertEverySplitGives(bytes, 1024, whole);
    }

    @Test
    void multiByteCharacterSplitAcrossReadsIsReassembled() throws Exception {
        String stanza = "<message to='a@msn.localhost'><body>\ud83d\ude00</body></message>";
        byte[] bytes = (PROSODY_HEADER + stanza).getBytes(StandardCharsets.UTF_8);
        int emoji = (PROSODY_HEADER + "<message to='a@msn.localhost'><body>").getBytes(StandardCharsets.UTF_8).length;
        StreamFramingDecoder decoder = new StreamFramingDecoder(1024);

        List<Object> events = new ArrayList<>(decode(decoder, Arrays.copyOfRange(bytes, 0, emoji + 1)));
        events.addAll(decode(decoder, Arrays.copyOfRange(bytes, emoji + 1, emoji + 3)));
        events.addAll(decode(decoder, Arrays.copyOfRange(bytes, emoji + 3, bytes.length)));

        Message message = (Message) StanzaCodec.parse(((StreamEvent.Element) events.get(1)).xml());
        assertThat(message.getBody()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void severalStanzasInOneBufferComeOutInOrder() throws Exception {
        StringBuilder stream = new StringBuilder(PROSODY_HEADER);
        for (int i = 0; i < 20; i++) {
            stream.append("<message id='m").append(i).append("' to='a@msn.localhost'><body>").append(i).append("</body></message>");
        }

        List<Object> events = decode(new StreamFramingDecoder(1024), stream.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(21);
        for (int i = 0; i < 20; i++) {
            assertThat(((StreamEvent.Element) events.get(i + 1)).xml()).contains("id='m" + i + "'");
        }
    }

    @Test
    void elementOfExactlyTheLimitPassesAndOneByteMoreIsRejected() throws Exception {
        String stanza = "<message from='alice@localhost/pc' to='a@msn.localhost' id='big' type='chat'><body>"
                + "x".repeat(300) + "</body></message>";
        byte[] bytes = (PROSODY_HEADER + stanza + NEXT).getBytes(StandardCharsets.UTF_8);
        int size = stanza.getBytes(StandardCharsets.UTF_8).length;

        assertThat(decode(new StreamFramingDecoder(size), bytes)).hasSize(3)
                .element(1).isInstanceOf(StreamEvent.Element.class);
        List<Object> events = decode(new StreamFramingDecoder(size - 1), bytes);
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isEqualTo(new StreamEvent.Rejected(new StreamEvent.Envelope("message",
                "jabber:component:accept", "alice@localhost/pc", "a@msn.localhost", "big", "chat"),
                StreamEvent.Rejected.Reason.TOO_LARGE));
        assertNextStanza(events.get(2));
    }

    @Test
    void oversizedElementIsSkippedWhileArrivingAndTheNextStanzaIsIntact() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1000);
        List<Object> events = new ArrayList<>(decode(decoder,
                (PROSODY_HEADER + "<message from='alice@localhost/pc' id='big'><body>").getBytes(StandardCharsets.UTF_8)));
        byte[] text = "x".repeat(400).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            events.addAll(decode(decoder, text));
        }
        events.addAll(decode(decoder, ("</body><extra><deeper/></extra></message>" + NEXT).getBytes(StandardCharsets.UTF_8)));

        assertThat(events).hasSize(3);
        assertThat(events.get(1)).asInstanceOf(type(StreamEvent.Rejected.class)).satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(StreamEvent.Rejected.Reason.TOO_LARGE);
            assertThat(rejected.envelope().id()).isEqualTo("big");
            assertThat(rejected.envelope().from()).isEqualTo("alice@localhost/pc");
        });
        assertNextStanza(events.get(2));
    }

    @Test
    void tenMegabyteStanzaInReadsOf64KibIsRejectedAndTheStreamGoesOn() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(256 * 1024);
        List<Object> events = new ArrayList<>(decode(decoder,
                (PROSODY_HEADER + "<message from='alice@localhost/pc' id='huge'><body>").getBytes(StandardCharsets.UTF_8)));
        byte[] text = "y".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 160; i++) {
            events.addAll(decode(decoder, text));
        }
        events.addAll(decode(decoder, ("</body></message>" + NEXT).getBytes(StandardCharsets.UTF_8)));

        assertThat(events).hasSize(3);
        assertThat(events.get(1)).asInstanceOf(type(StreamEvent.Rejected.class))
                .extracting(StreamEvent.Rejected::reason).isEqualTo(StreamEvent.Rejected.Reason.TOO_LARGE);
        assertNextStanza(events.get(2));
    }

    @Test
    void rejectedElementTooLargeEvenToSkipFailsTheStream() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1000);
        decode(decoder, (PROSODY_HEADER + "<message><body>").getBytes(StandardCharsets.UTF_8));
        byte[] text = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < StreamFramingDecoder.SKIPPED_BYTES_FACTOR - 1; i++) {
            decode(decoder, text);
        }

        assertThatThrownBy(() -> decode(decoder, text))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> {
                    assertThat(e.condition()).isEqualTo("policy-violation");
                    assertThat(e.getMessage()).contains("<message>").contains("too large even to skip");
                });
    }

    @Test
    void hugeAttributeInsideARejectedElementFailsTheStream() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1000);
        decode(decoder, (PROSODY_HEADER + "<message><body>" + "x".repeat(1200) + "</body><x a='")
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decode(decoder, "a".repeat(1001).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> {
                    assertThat(e.condition()).isEqualTo("policy-violation");
                    assertThat(e.getMessage()).contains("single token");
                });
    }

    @Test
    void cdataSectionOverTheLimitFailsTheStreamSinceTheParserHoldsItWhole() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1000);
        decode(decoder, (PROSODY_HEADER + "<message><body><![CDATA[").getBytes(StandardCharsets.UTF_8));
        decode(decoder, "c".repeat(600).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decode(decoder, "c".repeat(600).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> {
                    assertThat(e.condition()).isEqualTo("policy-violation");
                    assertThat(e.getMessage()).contains("single token");
                });
    }

    @Test
    void manyDistinctNamesRenewTheParserWithoutLosingAStanzaWhateverTheReads() throws Exception {
        // 40 stanzas of 300 distinct element and 300 distinct attribute names: renewed several times.
        StringBuilder stream = new StringBuilder(PROSODY_HEADER);
        int name = 0;
        for (int i = 0; i < 40; i++) {
            stream.append("<message from='a@localhost/r' id='s").append(i).append("'>");
            for (int k = 0; k < 300; k++, name++) {
                stream.append("<n").append(name).append(" a").append(name).append("='v'/>");
            }
            stream.append("<body>").append(i).append("</body></message>");
        }
        stream.append("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                + "</stream:stream>");
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);

        for (int chunkSize : new int[] {3, 64, 1000, 65536}) {
            StreamFramingDecoder decoder = new StreamFramingDecoder(64 * 1024);
            List<Object> events = new ArrayList<>();
            for (int start = 0; start < bytes.length; start += chunkSize) {
                events.addAll(decode(decoder, Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + chunkSize))));
            }
            assertThat(events).as("reads of %d bytes", chunkSize).hasSize(43);
            for (int i = 0; i < 40; i++) {
                Message message = (Message) StanzaCodec.parse(((StreamEvent.Element) events.get(i + 1)).xml());
                assertThat(message.getStanzaId()).isEqualTo("s" + i);
                assertThat(message.getBody()).isEqualTo(Integer.toString(i));
            }
            assertThat(events.get(41)).isEqualTo(new StreamEvent.ErrorReceived("conflict", ""));
            assertThat(events.get(42)).isInstanceOf(StreamEvent.Closed.class);
        }
    }

    @Test
    void oneElementWithTooManyDistinctNamesFailsTheStream() {
        StringBuilder stanza = new StringBuilder("<message>");
        for (int k = 0; k <= StreamFramingDecoder.MAX_NAMES_PER_ELEMENT; k++) {
            stanza.append("<n").append(k).append("/>");
        }
        byte[] bytes = (PROSODY_HEADER + stanza + "</message>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024 * 1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> {
                    assertThat(e.condition()).isEqualTo("policy-violation");
                    assertThat(e.getMessage()).contains("distinct element and attribute names");
                });
    }

    @Test
    void nestingExactlyAtTheDepthLimitPassesAndOneLevelMoreIsRejected() throws Exception {
        int limit = StreamFramingDecoder.MAX_NESTING_DEPTH;
        byte[] atLimit = (PROSODY_HEADER + nested(limit, "ok") + NEXT).getBytes(StandardCharsets.UTF_8);
        byte[] beyond = (PROSODY_HEADER + nested(limit + 1, "deep") + NEXT).getBytes(StandardCharsets.UTF_8);

        List<Object> passed = decode(new StreamFramingDecoder(64 * 1024), atLimit);
        assertThat(passed).hasSize(3);
        assertThat(passed.get(1)).isInstanceOf(StreamEvent.Element.class);
        assertThat(StanzaCodec.parse(((StreamEvent.Element) passed.get(1)).xml()).getStanzaId()).isEqualTo("ok");

        List<Object> rejected = decode(new StreamFramingDecoder(64 * 1024), beyond);
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(1)).isEqualTo(new StreamEvent.Rejected(new StreamEvent.Envelope("message",
                "jabber:component:accept", "alice@localhost/pc", "bob@msn.localhost", "deep", ""),
                StreamEvent.Rejected.Reason.TOO_DEEP));
        assertNextStanza(rejected.get(2));
    }

    @Test
    void tenThousandLevelsAreRejectedAndTheNextStanzaComesThrough() throws Exception {
        byte[] bytes = (PROSODY_HEADER + nested(10_000, "deep") + NEXT).getBytes(StandardCharsets.UTF_8);

        List<Object> events = decode(new StreamFramingDecoder(256 * 1024), bytes);

        assertThat(events).hasSize(3);
        assertThat(events.get(1)).asInstanceOf(type(StreamEvent.Rejected.class))
                .extracting(StreamEvent.Rejected::reason).isEqualTo(StreamEvent.Rejected.Reason.TOO_DEEP);
        assertNextStanza(events.get(2));
    }

    @Test
    void nestingBeyondWhatCanBeSkippedFailsTheStream() {
        byte[] bytes = (PROSODY_HEADER + "<message>" + "<a>".repeat(StreamFramingDecoder.MAX_SKIPPED_DEPTH))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024 * 1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("policy-violation"));
    }

    @Test
    void rejectionsGiveTheSameEventsAtEverySplitPoint() throws Exception {
        String stream = PROSODY_HEADER + "<message from='a@localhost/r' id='big'><body>" + "z".repeat(1300)
                + "</body></message> " + nested(StreamFramingDecoder.MAX_NESTING_DEPTH + 1, "deep") + NEXT;
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        // The deep element fits the size limit, so its reason is the same wherever the reads end.
        List<Object> whole = decode(new StreamFramingDecoder(1200), bytes);
        assertThat(whole).hasSize(4);
        assertThat(whole.get(1)).isInstanceOf(StreamEvent.Rejected.class);
        assertThat(whole.get(2)).isInstanceOf(StreamEvent.Rejected.class);

        assertEverySplitGives(bytes, 1200, whole);
    }

    @Test
    void elementEventCarriesTheEnvelope() throws Exception {
        List<Object> events = decode(new StreamFramingDecoder(1024), FULL_STREAM.getBytes(StandardCharsets.UTF_8));

        assertThat(((StreamEvent.Element) events.get(2)).envelope()).isEqualTo(new StreamEvent.Envelope("message",
                "jabber:component:accept", "alice@localhost/pc", "bob@msn.localhost", "m1", "chat"));
    }

    @Test
    void oversizedStartTagFailsBeforeTheParserReportsIt() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1000);
        decode(decoder, (PROSODY_HEADER + "<message to='").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decode(decoder, "a".repeat(1000).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("policy-violation"));
    }

    @Test
    void whitespaceKeepalivesBetweenElementsDoNotCountTowardsTheLimit() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(200);
        decode(decoder, PROSODY_HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 500; i++) {
            decode(decoder, " ".getBytes(StandardCharsets.UTF_8));
        }

        List<Object> events = decode(decoder, "<message to='a@msn.localhost'><body>hi</body></message>"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(events).singleElement().isInstanceOf(StreamEvent.Element.class);
    }

    @Test
    void doctypeIsRejected() {
        byte[] bytes = ("<?xml version='1.0'?><!DOCTYPE stream:stream>" + PROSODY_HEADER.substring(21))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("restricted-xml"));
    }

    @Test
    void entityDeclarationsAreRejected() {
        byte[] bytes = ("<!DOCTYPE lol [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;'>]>" + PROSODY_HEADER.substring(21))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024), bytes))
                .isInstanceOf(XmlStreamException.class);
    }

    @Test
    void undeclaredEntityReferenceIsRejected() {
        byte[] bytes = (PROSODY_HEADER + "<message><body>&xxe;</body></message>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("restricted-xml"));
    }

    @Test
    void malformedXmlFailsAndFurtherInputIsDiscarded() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1024);
        byte[] bytes = (PROSODY_HEADER + "<message><body>hi</bdy></message>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(decoder, bytes))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> {
                    assertThat(e.condition()).isEqualTo("not-well-formed");
                    assertThat(e.getMessage()).doesNotContain("Hexdump");
                });
        assertThat(decode(decoder, "<message/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] header = PROSODY_HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(header, header.length + 3);
        bytes[header.length] = '<';
        bytes[header.length + 1] = (byte) 0xC3;
        bytes[header.length + 2] = (byte) 0x28;

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("not-well-formed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0 AF", "C1 BF", "E0 80 AF", "F0 80 80 AF", "ED A0 80", "ED BF BF", "F4 90 80 80",
            "F5 80 80 80", "F8 88 80 80 80", "FF", "80", "C3", "E2 82"})
    void invalidUtf8FailsTheStreamWhereverTheReadsSplitIt(String sequence) {
        byte[] bad = HexFormat.ofDelimiter(" ").parseHex(sequence);
        byte[] before = (PROSODY_HEADER + "<message><body>a").getBytes(StandardCharsets.UTF_8);
        byte[] after = "b</body></message>".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, bytes, 0, before.length);
        System.arraycopy(bad, 0, bytes, before.length, bad.length);
        System.arraycopy(after, 0, bytes, before.length + bad.length, after.length);

        for (int split = before.length; split <= before.length + bad.length; split++) {
            StreamFramingDecoder decoder = new StreamFramingDecoder(1024);
            byte[] first = Arrays.copyOfRange(bytes, 0, split);
            byte[] rest = Arrays.copyOfRange(bytes, split, bytes.length);
            assertThatThrownBy(() -> {
                decode(decoder, first);
                decode(decoder, rest);
            }).as("%s split at %d", sequence, split).isInstanceOfSatisfying(XmlStreamException.class,
                    e -> assertThat(e.condition()).isEqualTo("not-well-formed"));
        }
    }

    @Test
    void validUtf8AtTheEdgesOfEachRangePasses() throws Exception {
        String text = "\u0080\u07ff\u0800\ud7ff\ue000\ufffd\ud800\udc00\udbff\udfff";
        byte[] bytes = (PROSODY_HEADER + "<message><body>" + text + "</body></message>").getBytes(StandardCharsets.UTF_8);

        List<Object> events = decode(new StreamFramingDecoder(1024), bytes);

        assertThat(((Message) StanzaCodec.parse(((StreamEvent.Element) events.get(1)).xml())).getBody()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"&#0;", "&#x1;", "&#xFFFE;", "&#xD800;", "&#x110000;"})
    void forbiddenCharacterReferenceFailsTheStreamWithAShortMessageWhereverTheReadsSplitIt(String reference) {
        byte[] bytes = (PROSODY_HEADER + "<message from='a@localhost/r'><body>secret words " + reference
                + " more secret</body></message>").getBytes(StandardCharsets.UTF_8);

        for (int split = PROSODY_HEADER.length(); split < bytes.length; split++) {
            StreamFramingDecoder decoder = new StreamFramingDecoder(1024);
            byte[] first = Arrays.copyOfRange(bytes, 0, split);
            byte[] rest = Arrays.copyOfRange(bytes, split, bytes.length);
            assertThatThrownBy(() -> {
                decode(decoder, first);
                decode(decoder, rest);
            }).as("%s split at %d", reference, split).isInstanceOfSatisfying(XmlStreamException.class, e -> {
                assertThat(e.condition()).isEqualTo("not-well-formed");
                assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("Hexdump").hasSizeLessThan(250);
                assertThat(e.getCause()).isNull();
            });
        }
    }

    @Test
    void forbiddenCharacterReferenceInASkippedElementStillFailsTheStream() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(100);
        decode(decoder, (PROSODY_HEADER + "<message><body>" + "x".repeat(200)).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decode(decoder, "&#0;</body></message>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("not-well-formed"));
    }

    @Test
    void streamErrorCarriesConditionAndText() throws Exception {
        String error = "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match calculated token</text>"
                + "</stream:error></stream:stream>";

        List<Object> events = decode(new StreamFramingDecoder(1024), (PROSODY_HEADER + error).getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isEqualTo(
                new StreamEvent.ErrorReceived("not-authorized", "Given token does not match calculated token"));
        assertThat(events.get(2)).isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void streamErrorAfterHeaderWithoutId() throws Exception {
        String stream = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' id=''"
                + " version='1.0' xmlns='jabber:component:accept'><stream:error><host-unknown"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";

        List<Object> events = decode(new StreamFramingDecoder(1024), stream.getBytes(StandardCharsets.UTF_8));

        assertThat(events.get(0)).asInstanceOf(type(StreamEvent.Opened.class))
                .extracting(StreamEvent.Opened::id).isEqualTo("");
        assertThat(events.get(1)).isEqualTo(new StreamEvent.ErrorReceived("host-unknown", ""));
    }

    @Test
    void otherRootElementIsRejected() {
        byte[] bytes = "<html xmlns='http://www.w3.org/1999/xhtml'>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("invalid-namespace"));
    }

    @Test
    void textBetweenStanzasIsRejected() {
        byte[] bytes = (PROSODY_HEADER + "hello").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decode(new StreamFramingDecoder(1024), bytes))
                .isInstanceOfSatisfying(XmlStreamException.class,
                        e -> assertThat(e.condition()).isEqualTo("bad-format"));
    }

    @Test
    void reserializedElementDeclaresEveryPrefixItUses() throws Exception {
        String header = "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
                + " xmlns:x='urn:example:x' id='s1'>";
        String stanza = "<iq type='get' id='q' x:flag='a&apos;b&amp;c&#10;d'><query xmlns='urn:example:q'>"
                + "<x:item/><item xmlns=''/></query><stream:foo/></iq>";

        List<Object> events = decode(new StreamFramingDecoder(1024), (header + stanza).getBytes(StandardCharsets.UTF_8));

        String xml = ((StreamEvent.Element) events.get(1)).xml();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("jabber:client");
        assertThat(document.getDocumentElement().getAttributeNS("urn:example:x", "flag")).isEqualTo("a'b&c\nd");
        assertThat(document.getElementsByTagNameNS("urn:example:x", "item").getLength()).isEqualTo(1);
        assertThat(document.getElementsByTagNameNS("", "item").getLength()).isEqualTo(1);
        assertThat(document.getElementsByTagNameNS("http://etherx.jabber.org/streams", "foo").getLength()).isEqualTo(1);
        assertThat(document.getElementsByTagNameNS("urn:example:q", "query").getLength()).isEqualTo(1);
    }

    @Test
    void commentsAndProcessingInstructionsAreDropped() throws Exception {
        byte[] bytes = (PROSODY_HEADER + "<message><!-- note --><?pi data?><body>a</body></message>")
                .getBytes(StandardCharsets.UTF_8);

        List<Object> events = decode(new StreamFramingDecoder(1024), bytes);

        assertThat(((StreamEvent.Element) events.get(1)).xml())
                .isEqualTo("<message xmlns='jabber:client'><body>a</body></message>");
    }

    @Test
    void inputAfterTheEndOfTheStreamIsIgnored() throws Exception {
        StreamFramingDecoder decoder = new StreamFramingDecoder(1024);
        List<Object> events = decode(decoder, (PROSODY_HEADER + "</stream:stream>").getBytes(StandardCharsets.UTF_8));

        assertThat(events).last().isInstanceOf(StreamEvent.Closed.class);
        assertThat(decode(decoder, "<garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    /** A well-formed stanza that must come through intact after a rejected one. */
    static final String NEXT = "<message from='carol@localhost/pc' to='dave@msn.localhost' id='next'><body>after</body></message>";

    static void assertNextStanza(Object event) throws Exception {
        assertThat(event).isInstanceOf(StreamEvent.Element.class);
        Message message = (Message) StanzaCodec.parse(((StreamEvent.Element) event).xml());
        assertThat(message.getStanzaId()).isEqualTo("next");
        assertThat(message.getBody()).isEqualTo("after");
    }

    /** A message from alice nested {@code levels} deep, counting the message as level 1. */
    static String nested(int levels, String id) {
        return "<message from='alice@localhost/pc' to='bob@msn.localhost' id='" + id + "'>"
                + "<x>".repeat(levels - 1) + "</x>".repeat(levels - 1) + "</message>";
    }

    private List<Object> decode(StreamFramingDecoder decoder, byte[] bytes) throws Exception {
        IoBuffer buffer = IoBuffer.wrap(bytes);
        try {
            decoder.decode(session, buffer, session.getDecoderOutput());
            assertThat(buffer.hasRemaining()).as("decoder consumes the whole buffer").isFalse();
            return new ArrayList<>(session.getDecoderOutputQueue());
        } finally {
            session.getDecoderOutputQueue().clear();
        }
    }

    /** Fed in two reads, split at every byte, the stream gives {@code whole}'s events. */
    private void assertEverySplitGives(byte[] bytes, int maxElementBytes, List<Object> whole) throws Exception {
        for (int split = 1; split < bytes.length; split++) {
            StreamFramingDecoder decoder = new StreamFramingDecoder(maxElementBytes);
            List<Object> events = new ArrayList<>(decode(decoder, Arrays.copyOfRange(bytes, 0, split)));
            events.addAll(decode(decoder, Arrays.copyOfRange(bytes, split, bytes.length)));
            assertThat(events).as("split at byte %d", split).isEqualTo(whole);
        }
    }
}
