package org.imbridge.mina;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.spi.SelectorProvider;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShortReadNioProcessorTest {

    /** Counts the read system calls of every processor of this class. */
    public static final class CountingProcessor extends ShortReadNioProcessor {
        static final AtomicInteger SOCKET_READS = new AtomicInteger();

        public CountingProcessor(Executor executor) {
            super(executor);
        }

        public CountingProcessor(Executor executor, SelectorProvider provider) {
            super(executor, provider);
        }

        @Override
        protected int readSocket(NioSession session, IoBuffer buf) throws Exception {
            SOCKET_READS.incrementAndGet();
            return super.readSocket(session, buf);
        }
    }

    private NioSocketAcceptor acceptor;
    private SimpleIoProcessorPool<NioSession> processors;

    @AfterEach
    void stop() {
        if (acceptor != null) {
            acceptor.dispose(true);
        }
        if (processors != null) {
            processors.dispose();
        }
    }

    @Test
    void everyByteArrivesInOrderAndTheEndOfTheStreamIsSeen() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CompletableFuture<byte[]> closed = new CompletableFuture<>();
        InetSocketAddress address = listen(ShortReadNioProcessor.class, new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer buf = (IoBuffer) message;
                byte[] bytes = new byte[buf.remaining()];
                buf.get(bytes);
                received.writeBytes(bytes);
            }

            @Override
            public void sessionClosed(IoSession session) {
                closed.complete(received.toByteArray());
            }
        });
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 300; i++) {
                // sizes around and far beyond MINA's adaptive read buffer, so reads are short, full and split
                byte[] chunk = new byte[1 + random.nextInt(i % 10 == 0 ? 70_000 : 3_000)];
                random.nextBytes(chunk);
                out.write(chunk);
                out.flush();
                sent.writeBytes(chunk);
            }
        }
        assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(sent.toByteArray());
    }

    @Test
    void aShortReadIsNotFollowedByAnEmptyOne() throws Exception {
        InetSocketAddress address = listen(CountingProcessor.class, new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer buf = (IoBuffer) message;
                IoBuffer echo = IoBuffer.allocate(buf.remaining());
                echo.put(buf).flip();
                session.write(echo);
            }
        });
        int roundTrips = 50;
        int reads;
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            CountingProcessor.SOCKET_READS.set(0);
            for (int i = 0; i < roundTrips; i++) {
                out.write("ping".getBytes());
                out.flush();
                in.readFully(new byte[4]);
            }
            // counted before the socket closes: the server's read of the end of the stream is not a message
            reads = CountingProcessor.SOCKET_READS.get();
        }
        // one read per message that arrived (MINA alone makes two: the second finds nothing)
        assertThat(reads).isEqualTo(roundTrips);
    }

    private InetSocketAddress listen(Class<? extends ShortReadNioProcessor> type, IoHandlerAdapter handler)
            throws Exception {
        processors = new SimpleIoProcessorPool<>(type, 1);
        acceptor = new NioSocketAcceptor(processors);
        acceptor.setHandler(handler);
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
        return acceptor.getLocalAddress();
    }
}
