package org.imbridge.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.imbridge.bench.jmh.path.MessagePath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One chat message's whole path through the transport, in this process and without a socket on the
 * way ({@link MessagePath}): each operation is one message, from the bytes read off one connection to
 * the bytes written on the other. With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes the
 * transport allocates per message.
 *
 * <pre>java -cp bench/target/bench.jar org.openjdk.jmh.Main MessagePathBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessagePathBenchmark {

    /** Characters of the message body (the full bench's default). */
    @Param("100")
    public int bodyChars;

    private MessagePath path;

    @Setup
    public void setUp() throws Exception {
        path = MessagePath.open(bodyChars);
    }

    @TearDown
    public void tearDown() {
        if (path.deferredWrites() > 0) {
            // the figures then include waiting for another thread
            System.out.println("message path: " + path.deferredWrites() + " of " + path.operations()
                    + " operations found their write on another thread");
        }
        path.close();
    }

    /** A {@code <message>} from the component stream to the {@code MSG} on the switchboard, and its {@code ACK}. */
    @Benchmark
    public void xmppToMsn() {
        path.xmppToMsn();
    }

    /** A {@code MSG} from the switchboard to the {@code <message>} on the component stream. */
    @Benchmark
    public void msnToXmpp() {
        path.msnToXmpp();
    }

    /** Both: what the transport does for one message of the full bench's latency run. */
    @Benchmark
    public void roundTrip() {
        path.xmppToMsn();
        path.msnToXmpp();
    }
}
