package org.imbridge.bench.jmh.path;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * A live MINA session taken off its socket. {@link #receive} hands bytes to the head of the session's
 * filter chain as the I/O processor hands it a read (in a fresh buffer of the session's read-buffer
 * size); what the session writes stops at the head of the chain, is kept here, and is reported written
 * as the processor reports a finished write. Codec, filters and handler run as they do on the socket,
 * on the calling thread; the socket itself and the I/O processor take no part.
 *
 * <p>Kept writes accumulate up to a fixed capacity; {@link #clear()} between operations.
 */
final class SocketlessSession {

    static final String FILTER_NAME = "bench-socketless";

    private final IoSession session;
    private final Capture capture;

    private SocketlessSession(IoSession session, int capacity) {
        this.session = session;
        this.capture = new Capture(capacity);
    }

    /**
     * Puts the capture first in {@code session}'s chain (nearest the socket), so that it sees written
     * bytes after every encoder.
     *
     * @param capacity the most bytes kept between two {@link #clear()}s
     */
    static SocketlessSession detach(IoSession session, int capacity) {
        Objects.requireNonNull(session, "session");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        SocketlessSession detached = new SocketlessSession(session, capacity);
        session.getFilterChain().addFirst(FILTER_NAME, detached.capture);
        return detached;
    }

    /** Puts the socket back in the loop: later writes reach it again. */
    void reattach() {
        if (session.getFilterChain().contains(FILTER_NAME)) {
            session.getFilterChain().remove(FILTER_NAME);
        }
    }

    IoSession session() {
        return session;
    }

    /** One read of {@code length} bytes of {@code bytes}, as the I/O processor delivers it. */
    void receive(byte[] bytes, int length) {
        IoBuffer buffer = IoBuffer.allocate(Math.max(session.getConfig().getReadBufferSize(), length));
        buffer.put(bytes, 0, length).flip();
        session.getFilterChain().fireMessageReceived(buffer);
    }

    void receive(byte[] bytes) {
        receive(bytes, bytes.length);
    }

    /** Writes kept since the capture was put in place (not reset by {@link #clear()}). */
    int writes() {
        return capture.writes();
    }

    /** Forgets the bytes kept so far. */
    void clear() {
        capture.clear();
    }

    /** The bytes kept since the last {@link #clear()}. */
    byte[] written() {
        return capture.copy();
    }

    String writtenText() {
        return new String(written(), StandardCharsets.UTF_8);
    }

    /** Byte {@code index} of those kept, without copying them. */
    byte writtenAt(int index) {
        return capture.at(index);
    }

    int writtenLength() {
        return capture.length();
    }

    /**
     * Keeps every encoded write instead of passing it to the processor, then completes it as the
     * processor does after writing it out (the write future and {@code messageSent} up the chain).
     */
    private static final class Capture extends IoFilterAdapter {
        private final byte[] bytes;
        private int length;
        private int writes;

        Capture(int capacity) {
            this.bytes = new byte[capacity];
        }

        @Override
        public void filterWrite(NextFilter nextFilter, IoSession session, WriteRequest writeRequest) {
            if (!(writeRequest.getMessage() instanceof IoBuffer buffer)) {
                throw new IllegalStateException("only encoded buffers can be captured, not "
                        + writeRequest.getMessage().getClass().getName());
            }
            synchronized (this) {
                int n = buffer.remaining();
                if (n > bytes.length - length) {
                    throw new IllegalStateException("captured writes exceed " + bytes.length
                            + " bytes; clear() between operations");
                }
                buffer.get(bytes, length, n);
                length += n;
                writes++;
            }
            session.getFilterChain().fireMessageSent(writeRequest);
        }

        synchronized int writes() {
            return writes;
        }

        synchronized void clear() {
            length = 0;
        }

        synchronized byte[] copy() {
            return Arrays.copyOf(bytes, length);
        }

        synchronized byte at(int index) {
            Objects.checkIndex(index, length);
            return bytes[index];
        }

        synchronized int length() {
            return length;
        }
    }
}
