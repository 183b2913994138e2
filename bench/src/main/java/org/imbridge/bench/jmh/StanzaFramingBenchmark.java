package org.imbridge.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.imbridge.xmpp.stream.StanzaCodec;
import org.imbridge.xmpp.stream.StreamEvent;
import org.imbridge.xmpp.stream.StreamFramingDecoder;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The component stream on the message path: framing one inbound {@code <message>} with Aalto
 * ({@link StreamFramingDecoder}, which re-serializes the element), parsing the framed XML into a
 * Smack stanza, and serializing an outbound chat message as the gateway builds it.
 *
 * <pre>java -cp bench/target/bench.jar org.openjdk.jmh.Main StanzaFramingBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StanzaFramingBenchmark {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept' from='msn.bench.local' id='bench1'>";
    private static final String MESSAGE = "<message type='chat' from='u0@bench.local/r' to='u1%bench.msn@msn.bench.local'>"
            + "<body>t=1234567890123 abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz</body>"
            + "</message>";

    private byte[] message;
    private StreamFramingDecoder decoder;
    private ProtocolCodecSession session;
    private String framed;
    private Message outbound;

    @Setup
    public void setUp() throws Exception {
        StanzaCodec.initialize();
        message = MESSAGE.getBytes(StandardCharsets.UTF_8);
        decoder = new StreamFramingDecoder(256 * 1024);
        session = new ProtocolCodecSession();
        decoder.decode(session, IoBuffer.wrap(HEADER.getBytes(StandardCharsets.UTF_8)), session.getDecoderOutput());
        session.getDecoderOutputQueue().clear();
        framed = ((StreamEvent.Element) frame()).xml();
        outbound = StanzaBuilder.buildMessage()
                .ofType(Message.Type.chat)
                .from(JidCreate.entityBareFrom("u0%bench.msn@msn.bench.local"))
                .to(JidCreate.entityBareFrom("u1@bench.local"))
                .setBody("t=1234567890123 abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz")
                .setThread("sb-1a")
                .addExtension(new ChatStateExtension(ChatState.active))
                .build();
    }

    /** One inbound message, read from the socket buffer to a framed element. */
    @Benchmark
    public Object frame() throws Exception {
        decoder.decode(session, IoBuffer.wrap(message), session.getDecoderOutput());
        return session.getDecoderOutputQueue().poll();
    }

    /** The framed element parsed into a Smack {@link Message}. */
    @Benchmark
    public Object parse() throws Exception {
        return StanzaCodec.parse(framed);
    }

    /** Frame and parse: everything inbound per message before the gateway sees it. */
    @Benchmark
    public Object frameAndParse() throws Exception {
        decoder.decode(session, IoBuffer.wrap(message), session.getDecoderOutput());
        return StanzaCodec.parse(((StreamEvent.Element) session.getDecoderOutputQueue().poll()).xml());
    }

    /** An outbound chat message (body, thread, chat state) serialized for the stream. */
    @Benchmark
    public String serialize() {
        return StanzaCodec.serialize(outbound);
    }
}
