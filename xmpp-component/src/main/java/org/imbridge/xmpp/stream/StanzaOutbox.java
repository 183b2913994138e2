package org.imbridge.xmpp.stream;

import java.util.function.Function;
import java.util.function.IntConsumer;

import org.apache.mina.core.future.WriteFuture;

/**
 * Coalesces the stanzas written to one session: a stanza sent while an earlier write is still on its
 * way waits here and goes out together with the others that came meanwhile, in one write, as soon as
 * that write has completed. At a low rate every stanza is written at once; under load, one socket write
 * and one pass through MINA's filter chain carry many stanzas instead of one each. Order is kept.
 */
final class StanzaOutbox {

    /** A burst can leave a large buffer behind; beyond this many characters it is let go. */
    private static final int KEEP_CAPACITY = 64 * 1024;

    private final Function<String, WriteFuture> writer;
    private final IntConsumer completed;
    private StringBuilder waiting = new StringBuilder();
    private int waitingCount;
    private boolean inFlight;

    /**
     * @param writer    writes text to the session
     * @param completed told how many stanzas a finished (written or failed) write carried
     */
    StanzaOutbox(Function<String, WriteFuture> writer, IntConsumer completed) {
        this.writer = writer;
        this.completed = completed;
    }

    /** Writes {@code xml} now, or with the next write if one is on its way. */
    void send(String xml) {
        synchronized (this) {
            if (inFlight) {
                waiting.append(xml);
                waitingCount++;
                return;
            }
            inFlight = true;
        }
        write(xml, 1);
    }

    private void write(String xml, int count) {
        writer.apply(xml).addListener(f -> {
            completed.accept(count);
            String next;
            int n;
            synchronized (this) {
                if (waitingCount == 0) {
                    inFlight = false;
                    return;
                }
                next = waiting.toString();
                n = waitingCount;
                waitingCount = 0;
                if (waiting.capacity() > KEEP_CAPACITY) {
                    waiting = new StringBuilder();
                } else {
                    waiting.setLength(0);
                }
            }
            write(next, n);
        });
    }
}
