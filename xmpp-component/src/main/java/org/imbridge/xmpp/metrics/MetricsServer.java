package org.imbridge.xmpp.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP/1.0 endpoint on MINA for Prometheus: {@code GET /metrics} answers the scrape text,
 * anything else 404 (or 405 for another method). One request per connection; requests are capped at
 * {@value #MAX_REQUEST_BYTES} bytes and {@value #IDLE_SECONDS} seconds. Meant for loopback.
 */
public final class MetricsServer implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 8192;
    static final int IDLE_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final AttributeKey REQUEST = new AttributeKey(MetricsServer.class, "request");

    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);

    private MetricsServer(Supplier<String> scrape) {
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, IDLE_SECONDS);
        acceptor.setHandler(new Handler(scrape));
    }

    /**
     * Listens on {@code address}.
     *
     * @param scrape produces the Prometheus text (called on an I/O thread: must not block)
     * @throws IOException when the address cannot be bound
     */
    public static MetricsServer start(InetSocketAddress address, Supplier<String> scrape) throws IOException {
        MetricsServer server = new MetricsServer(scrape);
        try {
            server.acceptor.bind(address);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
        LOG.info("Prometheus metrics on http://{}:{}/metrics", address.getHostString(), server.address().getPort());
        if (address.getAddress() != null && !address.getAddress().isLoopbackAddress()) {
            LOG.warn("metrics are served on {}, which is not a loopback address: whoever reaches it sees them",
                    address.getHostString());
        }
        return server;
    }

    public InetSocketAddress address() {
        return acceptor.getLocalAddress();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }

    private static final class Handler extends IoHandlerAdapter {
        private final Supplier<String> scrape;

        Handler(Supplier<String> scrape) {
            this.scrape = scrape;
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            IoBuffer in = (IoBuffer) message;
            StringBuilder request = (StringBuilder) session.getAttribute(REQUEST);
            if (request == null) {
                request = new StringBuilder();
                session.setAttribute(REQUEST, request);
            }
            byte[] bytes = new byte[in.remaining()];
            in.get(bytes);
            request.append(new String(bytes, StandardCharsets.ISO_8859_1));
            if (request.length() > MAX_REQUEST_BYTES) {
                respond(session, 431, "Request Header Fields Too Large", "request too large\n");
                return;
            }
            int end = request.indexOf("\r\n\r\n");
            if (end < 0) {
                end = request.indexOf("\n\n");
            }
            if (end < 0) {
                return;
            }
            String[] line = request.substring(0, request.indexOf("\n")).trim().split(" ");
            if (line.length < 2) {
                respond(session, 400, "Bad Request", "bad request\n");
            } else if (!line[0].equals("GET")) {
                respond(session, 405, "Method Not Allowed", "only GET\n");
            } else if (line[1].equals("/metrics") || line[1].startsWith("/metrics?")) {
                respond(session, 200, "OK", scrape.get());
            } else {
                respond(session, 404, "Not Found", "metrics are at /metrics\n");
            }
        }

        private static void respond(IoSession session, int status, String reason, String body) {
            session.removeAttribute(REQUEST);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.0 " + status + " " + reason + "\r\n"
                    + "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                    + "Content-Length: " + content.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            byte[] header = head.getBytes(StandardCharsets.US_ASCII);
            IoBuffer out = IoBuffer.allocate(header.length + content.length);
            out.put(header).put(content).flip();
            session.write(out);
            session.closeOnFlush();
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
            session.closeNow();
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            LOG.debug("metrics connection {}: {}", session.getRemoteAddress(), cause.toString());
            session.closeNow();
        }
    }
}
