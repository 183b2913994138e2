package org.imbridge.bench.jmh.path;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.imbridge.bench.driver.XmlFramer;
import org.imbridge.bench.driver.XmlFramerCodec;
import org.imbridge.xmpp.stream.StreamXml;

/**
 * The XMPP server's end of the component stream during the set-up of {@link MessagePath}: accepts one
 * component on loopback, checks its handshake, writes stanza text to it, and completes
 * {@linkplain #expect expectations} on the elements it sends.
 */
final class ComponentPeer implements AutoCloseable {

    private static final int MAX_EXPECTATIONS = 16;

    private record Expectation(Predicate<String> test, CompletableFuture<String> seen) {
    }

    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private final String domain;
    private final String secret;
    private final CompletableFuture<IoSession> online = new CompletableFuture<>();
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();

    ComponentPeer(String domain, String secret) throws IOException {
        this.domain = domain;
        this.secret = secret;
        acceptor.setReuseAddress(true);
        acceptor.getFilterChain().addLast("xml", new ProtocolCodecFilter(new XmlFramerCodec()));
        acceptor.setHandler(new Handler());
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    int port() {
        return acceptor.getLocalAddress().getPort();
    }

    /** Completes when the component has passed the handshake. */
    CompletableFuture<IoSession> online() {
        return online;
    }

    /** Writes stanza text to the component; it must be online. */
    void send(String xml) {
        online.getNow(null).write(xml);
    }

    /** Completes with the first element the component sends from now on that passes {@code test}. */
    CompletableFuture<String> expect(Predicate<String> test) {
        if (expectations.size() >= MAX_EXPECTATIONS) {
            throw new IllegalStateException("more than " + MAX_EXPECTATIONS + " expectations pending");
        }
        CompletableFuture<String> seen = new CompletableFuture<>();
        expectations.add(new Expectation(test, seen));
        return seen;
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }

    private void received(String xml) {
        for (Expectation e : expectations) {
            if (e.test().test(xml)) {
                expectations.remove(e);
                e.seen().complete(xml);
            }
        }
    }

    private final class Handler extends IoHandlerAdapter {
        private static final String STREAM_ID = "path1";

        @Override
        public void messageReceived(IoSession session, Object message) {
            XmlFramer.Frame frame = (XmlFramer.Frame) message;
            switch (frame.kind()) {
                case HEADER -> session.write("<?xml version='1.0'?><stream:stream"
                        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'"
                        + " from='" + domain + "' id='" + STREAM_ID + "'>");
                case ELEMENT -> element(session, frame.xml());
                case END -> session.closeOnFlush();
            }
        }

        private void element(IoSession session, String xml) {
            if (online.getNow(null) == session) {
                received(xml);
            } else if (xml.equals("<handshake>" + StreamXml.digest(STREAM_ID, secret) + "</handshake>")) {
                session.write("<handshake/>");
                online.complete(session);
            } else {
                online.completeExceptionally(new IllegalStateException("bad handshake from the component: " + xml));
                session.closeNow();
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            online.completeExceptionally(cause);
            session.closeNow();
        }
    }
}
