package org.imbridge.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpDecoder;
import org.imbridge.msn.protocol.MsnpDirection;
import org.imbridge.msn.protocol.MsnpEncoder;
import org.imbridge.msn.protocol.MsnpLimits;
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
 * The MSNP codec on the message path: decoding a switchboard {@code MSG} with its payload (what the
 * transport reads for every message from MSN), encoding one (what it writes for every message to
 * MSN), and the MIME payload both ways.
 *
 * <pre>java -cp bench/target/bench.jar org.openjdk.jmh.Main MsnpCodecBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MsnpCodecBenchmark {

    private static final String BODY = "t=1234567890123 abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";

    private byte[] inboundMsg;
    private byte[] payload;
    private MsnpDecoder decoder;
    private ProtocolCodecSession session;
    private MsnpCommand outbound;

    @Setup
    public void setUp() {
        payload = MimeMessage.text(BODY).toBytes();
        outbound = MsnpCommand.withPayload("MSG", payload, 42, "A");
        byte[] header = ("MSG u1@bench.msn User%201 " + payload.length + "\r\n").getBytes(StandardCharsets.UTF_8);
        inboundMsg = new byte[header.length + payload.length];
        System.arraycopy(header, 0, inboundMsg, 0, header.length);
        System.arraycopy(payload, 0, inboundMsg, header.length, payload.length);
        decoder = new MsnpDecoder(MsnpDirection.SERVER_TO_CLIENT, MsnpLimits.CLIENT_DEFAULTS);
        session = new ProtocolCodecSession();
    }

    /** One inbound MSG (line and payload in one read), decoded to a command. */
    @Benchmark
    public Object decodeMsg() throws Exception {
        decoder.decode(session, IoBuffer.wrap(inboundMsg), session.getDecoderOutput());
        return session.getDecoderOutputQueue().poll();
    }

    /** One outbound {@code MSG trId A len} with its payload, to wire bytes. */
    @Benchmark
    public byte[] encodeMsg() {
        return MsnpEncoder.toBytes(outbound);
    }

    /** What the client does with an inbound payload: parse the MIME message, read its text. */
    @Benchmark
    public String parsePayload() {
        MimeMessage m = MimeMessage.parse(payload);
        return m.contentType() + m.bodyText();
    }

    /** What the client builds for outbound text: the MIME payload bytes and the command. */
    @Benchmark
    public Object buildOutbound() {
        return MsnpCommand.withPayload("MSG", MimeMessage.text(BODY).toBytes(), 42, "A");
    }
}
