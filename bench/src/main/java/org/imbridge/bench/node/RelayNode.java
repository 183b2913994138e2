package org.imbridge.bench.node;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The baseline: a plain MINA relay with no codec. Connections are paired in the order they are
 * accepted; each pair is greeted with {@code <relay>} on both sides, then every byte read on one is
 * written to the other. It does the least any relay must (one read and one write per message), on
 * the same I/O library and processor count as the transport, so the bridge's figures can be compared
 * with this machine's own limit.
 */
final class RelayNode implements NodeMain.Node {

    private static final AttributeKey PEER = new AttributeKey(RelayNode.class, "peer");

    private final NioSocketAcceptor acceptor;

    private RelayNode(NioSocketAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    static RelayNode start(String[] args) throws IOException {
        int processors = Integer.parseInt(NodeMain.option(args, "io-processors",
                String.valueOf(Runtime.getRuntime().availableProcessors() + 1)));
        NioSocketAcceptor acceptor = new NioSocketAcceptor(processors);
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setHandler(new Pairing());
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
        return new RelayNode(acceptor);
    }

    @Override
    public String readyLine() {
        return String.valueOf(acceptor.getLocalAddress().getPort());
    }

    @Override
    public NodeStats stats(boolean gc) {
        return NodeStats.measure(gc, 0, acceptor.getManagedSessionCount());
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }

    private static final class Pairing extends IoHandlerAdapter {
        private IoSession waiting;

        @Override
        public void sessionOpened(IoSession session) {
            IoSession first;
            synchronized (this) {
                if (waiting == null) {
                    waiting = session;
                    return;
                }
                first = waiting;
                waiting = null;
            }
            first.setAttribute(PEER, session);
            session.setAttribute(PEER, first);
            first.write(greeting());
            session.write(greeting());
        }

        private static IoBuffer greeting() {
            return IoBuffer.wrap("<relay>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            IoSession peer = (IoSession) session.getAttribute(PEER);
            if (peer != null) {
                peer.write(message);
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            IoSession peer = (IoSession) session.getAttribute(PEER);
            if (peer != null) {
                peer.closeOnFlush();
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            session.closeNow();
        }
    }
}
