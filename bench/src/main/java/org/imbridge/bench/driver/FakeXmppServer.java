package org.imbridge.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.imbridge.xmpp.stream.StreamXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XMPP server's side of XEP-0114, as much as a load driver needs: accepts the transport's
 * component connection on loopback, answers its stream header with an id, checks the SHA-1
 * handshake, and from then on writes stanza text to the component and hands every top-level element
 * it sends to {@link Traffic}.
 *
 * <p>With several slots it plays ejabberd's {@code domain_balancing} with {@code bare_source} and
 * {@code component_number} (README, "Running several instances"): each component connection that
 * passes the handshake takes the first free slot, a user's stanzas go to the slot their bare JID hashes
 * to, and a stanza for a slot no connection holds is dropped (counted, as ejabberd drops it without a
 * word). A connection that finds every slot held gets nothing. Presence probes from the transport are
 * answered for the users the driver has {@linkplain #setAvailable made available}, routed the same way.
 */
public final class FakeXmppServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeXmppServer.class);
    private static final AttributeKey STREAM_ID = new AttributeKey(FakeXmppServer.class, "streamId");
    private static final AttributeKey SLOT = new AttributeKey(FakeXmppServer.class, "slot");
    private static final AtomicLong IDS = new AtomicLong();

    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private final String domain;
    private final String secret;
    private final Traffic traffic;
    private final CompletableFuture<Void> componentOnline = new CompletableFuture<>();
    private final IoSession[] slots;
    private final BenchNames names;
    private final java.util.concurrent.atomic.AtomicIntegerArray available;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder probesAnswered = new LongAdder();
    private volatile IoSession component;
    private volatile long lastSlotTakenNanos;

    /** One slot: the transport is the domain's only component. */
    public FakeXmppServer(String domain, String secret, Traffic traffic) throws IOException {
        this(domain, secret, traffic, 1, 0, BenchNames.DEFAULT);
    }

    /**
     * @param slots the balancing slots ({@code component_number})
     * @param users how many users may be made available (answer probes)
     */
    public FakeXmppServer(String domain, String secret, Traffic traffic, int slots, int users, BenchNames names)
            throws IOException {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        this.domain = domain;
        this.secret = secret;
        this.traffic = traffic;
        this.slots = new IoSession[slots];
        this.names = names;
        this.available = new java.util.concurrent.atomic.AtomicIntegerArray(Math.max(1, users));
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

    /**
     * Marks user {@code i} as online in the driver, so that the transport's probes for them are
     * answered, and sends their initial presence to the transport through their slot.
     */
    public void setAvailable(int i) {
        available.set(i, 1);
        sendFor(Stanzas.userJid(i, names.userDomain()), Stanzas.available(i, names));
    }

    /**
     * Writes stanza text from the bare JID {@code from} to the connection holding its slot.
     *
     * @return false when no connection holds the slot (the stanza is dropped, as ejabberd drops it)
     */
    public boolean sendFor(String from, String xml) {
        IoSession s;
        synchronized (slots) {
            s = slots[slotOf(from)];
        }
        if (s == null) {
            dropped.increment();
            return false;
        }
        s.write(xml);
        return true;
    }

    /** The slot of a bare JID: a hash over the fixed number of slots, as ejabberd's {@code bare_source}. */
    public int slotOf(String bareJid) {
        return Math.floorMod(bareJid.hashCode(), slots.length);
    }

    /** @return how many slots a connection holds now */
    public int slotsHeld() {
        synchronized (slots) {
            int held = 0;
            for (IoSession s : slots) {
                held += s == null ? 0 : 1;
            }
            return held;
        }
    }

    /** @return when a connection last took a slot, in {@link System#nanoTime()} units */
    public long lastSlotTakenNanos() {
        return lastSlotTakenNanos;
    }

    /** @return stanzas dropped because their slot was empty */
    public long dropped() {
        return dropped.sum();
    }

    /** @return probes answered with the user's presence */
    public long probesAnswered() {
        return probesAnswered.sum();
    }

    /** Writes stanza text (one or many stanzas) to the component of slot 0. */
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
            if (session.getAttribute(SLOT) != null) {
                if (xml.startsWith("<presence") && "probe".equals(Stanzas.attribute(xml, "type"))) {
                    answerProbe(xml);
                    return;
                }
                traffic.received(xml);
                return;
            }
            String id = (String) session.getAttribute(STREAM_ID);
            String expected = "<handshake>" + StreamXml.digest(id, secret) + "</handshake>";
            if (id == null || !xml.equals(expected)) {
                LOG.warn("bad handshake from the component: {}", xml);
                session.write("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "</stream:error></stream:stream>");
                session.closeOnFlush();
                return;
            }
            session.write("<handshake/>");
            synchronized (slots) {
                for (int i = 0; i < slots.length; i++) {
                    if (slots[i] == null) {
                        slots[i] = session;
                        lastSlotTakenNanos = System.nanoTime();
                        session.setAttribute(SLOT, i);
                        break;
                    }
                }
            }
            if (session.getAttribute(SLOT) == null) {
                LOG.info("every slot is held: a component connection gets no stanzas");
                session.setAttribute(SLOT, -1);
                return;
            }
            if ((int) session.getAttribute(SLOT) == 0) {
                component = session;
            }
            componentOnline.complete(null);
        }

        private void answerProbe(String xml) {
            int user = Stanzas.userIndex(Stanzas.attribute(xml, "to"));
            if (user >= 0 && user < available.length() && available.get(user) == 1) {
                probesAnswered.increment();
                sendFor(Stanzas.userJid(user, names.userDomain()), Stanzas.available(user, names));
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            synchronized (slots) {
                Object slot = session.getAttribute(SLOT);
                if (slot != null && (int) slot >= 0 && slots[(int) slot] == session) {
                    slots[(int) slot] = null;
                }
            }
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
