package org.imbridge.app.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.imbridge.msn.protocol.MsnpCodecFactory;
import org.imbridge.msn.protocol.MsnpCommand;

/**
 * A hostile MSN server for the suite: speaks just enough MSNP7 (with msn-transport's own codec) to
 * log any account in, with any password, and then does what the test tells it to a logged-in
 * connection: raw bytes (floods, half frames). Every {@code XFR SB} request is answered with the
 * next of {@link #switchboardTargets}. Records logins and closed connections, with times.
 */
final class ScriptedMsnServer implements AutoCloseable {

    record Event(long nanos, String what, long sessionId) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    /** Where {@code XFR SB} sends the client, in turn (the last one repeats). */
    final List<String> switchboardTargets = new CopyOnWriteArrayList<>();
    private final AtomicInteger xfrs = new AtomicInteger();
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private volatile IoSession online;

    ScriptedMsnServer() throws IOException {
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(MsnpCodecFactory.forServer()));
        acceptor.setHandler(new Script());
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", acceptor.getLocalAddress().getPort());
    }

    /** The connection that last set its status (logged in and synced), or null. */
    IoSession online() {
        return online;
    }

    long count(String what) {
        return events.stream().filter(e -> e.what().equals(what)).count();
    }

    /** When (nanoTime) the {@code n}-th (from 1) event {@code what} happened, or -1. */
    long nth(String what, int n) {
        return events.stream().filter(e -> e.what().equals(what)).skip(n - 1L).mapToLong(Event::nanos).findFirst()
                .orElse(-1);
    }

    /** When (nanoTime) the connection {@code sessionId} was closed, or -1 while it is open. */
    long closedAt(long sessionId) {
        return events.stream().filter(e -> e.what().equals("closed") && e.sessionId() == sessionId)
                .mapToLong(Event::nanos).findFirst().orElse(-1);
    }

    /** Writes {@code lines} (each a whole MSNP line without CRLF) to {@code session} as raw bytes. */
    static void flood(IoSession session, String line, int times) {
        int perBuffer = 1000;
        for (int sent = 0; sent < times; sent += perBuffer) {
            StringBuilder chunk = new StringBuilder();
            for (int i = sent; i < Math.min(times, sent + perBuffer); i++) {
                chunk.append(line.replace("{n}", String.valueOf(i))).append("\r\n");
            }
            raw(session, chunk.toString());
        }
    }

    static void raw(IoSession session, String text) {
        session.write(IoBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private final class Script extends IoHandlerAdapter {
        @Override
        public void messageReceived(IoSession session, Object message) {
            MsnpCommand c = (MsnpCommand) message;
            String t = String.valueOf(c.trId());
            switch (c.name()) {
                case "VER" -> session.write(MsnpCommand.of("VER", t, "MSNP7", "CVR0"));
                case "INF" -> session.write(MsnpCommand.of("INF", t, "MD5"));
                case "USR" -> {
                    if ("I".equals(c.param(2))) {
                        events.add(new Event(System.nanoTime(), "login", session.getId()));
                        session.setAttribute("handle", c.param(3));
                        session.write(MsnpCommand.of("USR", t, "MD5", "S", "1234567890.12345"));
                    } else {
                        String handle = (String) session.getAttribute("handle");
                        session.write(MsnpCommand.of("USR", t, "OK", handle, handle, "1"));
                    }
                }
                case "CVR" -> session.write(MsnpCommand.of("CVR", t, "1.0.0000", "1.0.0000", "1.0.0000",
                        "http://example.invalid", "http://example.invalid"));
                case "SYN" -> session.write(MsnpCommand.of("SYN", t, "0"));
                case "CHG" -> {
                    session.write(MsnpCommand.of("CHG", t, c.param(1)));
                    if (!"FLN".equals(c.param(1))) {
                        online = session;
                        events.add(new Event(System.nanoTime(), "online", session.getId()));
                    }
                }
                case "PNG" -> raw(session, "QNG 50\r\n");
                case "QRY" -> session.write(MsnpCommand.of("QRY", t));
                case "XFR" -> {
                    events.add(new Event(System.nanoTime(), "xfr", session.getId()));
                    int i = Math.min(xfrs.getAndIncrement(), switchboardTargets.size() - 1);
                    session.write(MsnpCommand.of("XFR", t, "SB", switchboardTargets.get(i), "CKI", "17262740.1050826919.32308"));
                }
                case "OUT" -> session.closeNow();
                default -> {
                    // ADD, REM, BLP, GTC, REA…: acknowledge as sent
                    java.util.List<Object> echo = new java.util.ArrayList<>(c.params());
                    session.write(MsnpCommand.of(c.name(), echo.toArray()));
                }
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            events.add(new Event(System.nanoTime(), "closed", session.getId()));
            if (online == session) {
                online = null;
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            session.closeNow();
        }
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(false);
    }
}
