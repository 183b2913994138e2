package org.imbridge.bench.driver;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.slf4j.LoggerFactory;

/**
 * The driver's two connections to the relay node: stanza text written to the source comes back on
 * the sink, where it is framed and counted by {@link Traffic} exactly like the transport's output.
 */
public final class RelayLink implements AutoCloseable {


    private final NioSocketConnector connector = new NioSocketConnector(1);
    private final CountDownLatch paired = new CountDownLatch(2);
    private final IoSession source;
    private final IoSession sink;

    public RelayLink(int port, Traffic traffic) throws InterruptedException {
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.getFilterChain().addLast("xml", new ProtocolCodecFilter(new XmlFramerCodec()));
        connector.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                XmlFramer.Frame frame = (XmlFramer.Frame) message;
                if (frame.kind() == XmlFramer.Kind.HEADER) {
                    paired.countDown();
                } else if (frame.kind() == XmlFramer.Kind.ELEMENT) {
                    traffic.received(frame.xml());
                }
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                LoggerFactory.getLogger(RelayLink.class).warn("relay connection failed: {}", shortened(cause));
                session.closeNow();
            }
        });
        source = connect(port);
        sink = connect(port);
        if (!paired.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the relay did not pair the connections");
        }
    }

    private IoSession connect(int port) {
        ConnectFuture f = connector.connect(new InetSocketAddress("127.0.0.1", port));
        f.awaitUninterruptibly(10_000);
        return f.getSession();
    }

    /** The cause's message without MINA's hex dump of the whole buffer. */
    static String shortened(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        int dump = m.indexOf("(Hexdump");
        return dump > 0 ? m.substring(0, dump).trim() : m.length() > 300 ? m.substring(0, 300) : m;
    }

    /** Writes to the source connection. */
    public void send(String xml) {
        source.write(xml);
    }

    @Override
    public void close() {
        source.closeNow();
        sink.closeNow();
        connector.dispose(true);
    }
}
