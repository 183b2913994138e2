package org.imbridge.msn.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.imbridge.msn.protocol.MsnpCodecFactory;
import org.imbridge.msn.protocol.MsnpCommand;

/**
 * A scripted MSN server for client tests: a MINA acceptor on 127.0.0.1 with a free port and the
 * server-side MSNP codec. Each accepted connection becomes a {@link FakePeer} that the test drives
 * (expect a command, send lines), or, for bulk tests, one a responder answers on the I/O thread.
 */
final class FakeMsnServer implements AutoCloseable {

    private static final AttributeKey PEER = new AttributeKey(FakeMsnServer.class, "peer");

    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private final BlockingQueue<FakePeer> accepted = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final BiConsumer<FakePeer, MsnpCommand> responder;

    private FakeMsnServer(BiConsumer<FakePeer, MsnpCommand> responder) {
        this.responder = responder;
    }

    /** A server whose connections the test scripts through {@link #accept()}. */
    static FakeMsnServer start() throws IOException {
        return start(null);
    }

    /** A server that answers every command with {@code responder} (on the server's I/O thread). */
    static FakeMsnServer start(BiConsumer<FakePeer, MsnpCommand> responder) throws IOException {
        FakeMsnServer server = new FakeMsnServer(responder);
        server.bind();
        return server;
    }

    private void bind() throws IOException {
        acceptor.setReuseAddress(true);
        acceptor.getFilterChain().addLast("msnp", new ProtocolCodecFilter(MsnpCodecFactory.forServer()));
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                FakePeer peer = new FakePeer(session);
                session.setAttribute(PEER, peer);
                connections.incrementAndGet();
                if (responder == null) {
                    accepted.add(peer);
                }
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                FakePeer peer = (FakePeer) session.getAttribute(PEER);
                MsnpCommand cmd = (MsnpCommand) message;
                if (cmd.is("USR") && "I".equals(cmd.param(2))) {
                    peer.rememberHandle(cmd.param(3));
                }
                if (responder != null) {
                    responder.accept(peer, cmd);
                } else {
                    peer.received((MsnpCommand) message);
                }
            }

            @Override
            public void sessionClosed(IoSession session) {
                ((FakePeer) session.getAttribute(PEER)).closed();
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                ((FakePeer) session.getAttribute(PEER)).failed(cause);
                session.closeNow();
            }
        });
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    InetSocketAddress address() {
        return acceptor.getLocalAddress();
    }

    /** {@code 127.0.0.1:port}, as XFR and RNG lines carry it. */
    String hostPort() {
        return "127.0.0.1:" + address().getPort();
    }

    /** The next connection the client opened; fails the test after 5 s. */
    FakePeer accept() throws InterruptedException {
        FakePeer peer = accepted.poll(FakePeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("the client did not connect to " + hostPort() + " within " + FakePeer.WAIT);
        }
        return peer;
    }

    /** Connections open now. */
    int openConnections() {
        return acceptor.getManagedSessionCount();
    }

    /** Connections accepted so far. */
    int connectionCount() {
        return connections.get();
    }

    @Override
    public void close() {
        acceptor.dispose(true);
    }
}
