package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
}
