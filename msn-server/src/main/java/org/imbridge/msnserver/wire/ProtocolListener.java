package org.imbridge.msnserver.wire;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.imbridge.msn.protocol.MsnpCodecFactory;

/** A bound MINA acceptor speaking MSNP (server side of the codec) to one handler. */
public final class ProtocolListener {

    /**
     * Connections the kernel may hold for accepting. MINA's default of 50 overflowed when thousands of
     * clients logged in at once (every login opens a dispatch and a notification connection); each
     * dropped SYN cost that client a one-second retransmission, then two, then four.
     */
    static final int ACCEPT_BACKLOG = 4096;

    private final NioSocketAcceptor acceptor;
    private final InetSocketAddress localAddress;

    private ProtocolListener(NioSocketAcceptor acceptor, InetSocketAddress localAddress) {
        this.acceptor = acceptor;
        this.localAddress = localAddress;
    }

    /**
     * Binds {@code address} (port 0 picks a free one), using the shared I/O processors.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ProtocolListener bind(InetSocketAddress address, IoHandler handler,
                                        IoProcessor<NioSession> processors) throws IOException {
        NioSocketAcceptor acceptor = new NioSocketAcceptor(processors);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(ACCEPT_BACKLOG);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getFilterChain().addLast("msnp", new ProtocolCodecFilter(MsnpCodecFactory.forServer()));
        acceptor.setHandler(handler);
        try {
            acceptor.bind(address);
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            throw e;
        }
        return new ProtocolListener(acceptor, acceptor.getLocalAddress());
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Stops accepting and closes what is still open. */
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }
}
