package org.imbridge.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XMPP server's side of XEP-0114, as much as a load driver needs: accepts the transport's
 * component connection on loopback, answers its stream header with an id, checks the SHA-1
 * handshake, and from then on writes stanza text to the component and hands every top-level element
 * it sends to {@link Traffic}.
 */
public final class FakeXmppServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeXmppServer.class);
    private static final AttributeKey STREAM_ID = new AttributeKey(FakeXmppServer.class, "streamId");
    private static final AtomicLong IDS = new AtomicLong();

    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private final String domain;
    private final String secret;
    private final Traffic traffic;
    private final CompletableFuture<Void> componentOnline = new CompletableFuture<>();
    private volatile IoSession component;

    public FakeXmppServer(String domain, String secret, Traffic traffic) throws IOException {
        this.domain = domain;
        this.secret = secret;
        this.traffic = traffic;
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getFilterChain().addLast("xml", new ProtocolCodecFilter(new XmlFramerCodec()));
        acceptor.setHandler(new Handler());
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    public int port() {
        return acceptor.getLocalAddress().getPort();
    }

    /** Completes when a component has passed the handshake. */
    public CompletableFuture<Void> componentOnline() {
        return componentOnline;
    }

    /** Writes stanza text (one or many stanzas) to the component. */
    public void send(String xml) {
        IoSession s = component;
        if (s == null) {
            throw new IllegalStateException("no component connected");
        }
        s.write(xml);
    }

    /** Bytes waiting in MINA's write queue to the component: the driver's own backlog. */
    public long scheduledWriteBytes() {
        IoSession s = component;
        return s == null ? 0 : s.getScheduledWriteBytes();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }

    static String handshakeDigest(String streamId, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Handler extends IoHandlerAdapter {
        @Override
        public void messageReceived(IoSession session, Object message) {
            XmlFramer.Frame frame = (XmlFramer.Frame) message;
            switch (frame.kind()) {
                case HEADER -> {
                    String id = "bench" + IDS.incrementAndGet();
                    session.setAttribute(STREAM_ID, id);
                    session.write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
                            + " xmlns='jabber:component:accept' from='" + domain + "' id='" + id + "'>");
                }
                case ELEMENT -> element(session, frame.xml());
                case END -> session.closeOnFlush();
            }
        }

        private void element(IoSession session, String xml) {
            if (session == component) {
                traffic.received(xml);
                return;
            }
            String id = (String) session.getAttribute(STREAM_ID);
            String expected = "<handshake>" + handshakeDigest(id, secret) + "</handshake>";
            if (id == null || !xml.equals(expected)) {
                LOG.warn("bad handshake from the component: {}", xml);
                session.write("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "</stream:error></stream:stream>");
                session.closeOnFlush();
                return;
            }
            component = session;
            session.write("<handshake/>");
            componentOnline.complete(null);
        }

        @Override
        public void sessionClosed(IoSession session) {
            if (session == component) {
                component = null;
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            LOG.warn("component connection failed: {}", RelayLink.shortened(cause));
            session.closeNow();
        }
    }
}
