package org.imbridge.msn.ftp;

import java.util.concurrent.Executor;

import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * Makes the connector {@link MsnftpReceiver}s connect with: MSNFTP codec (receiver side) and a handler
 * that hands each connection to its receiver. One connector serves any number of transfers; built on
 * the caller's I/O processor pool (e.g. the MSN client's), it adds no I/O threads, only the connector
 * thread MINA runs from {@code connectorThreads} while connections are being made. The caller owns and
 * disposes it ({@code dispose(false)} leaves the shared pool alone).
 */
public final class MsnftpConnectors {

    /** The connector's own give-up time; each receiver applies its own, shorter or not, on top. */
    private static final long CONNECT_TIMEOUT_MILLIS = 120_000;

    private MsnftpConnectors() {
    }

    public static NioSocketConnector create(Executor connectorThreads, IoProcessor<NioSession> processors) {
        NioSocketConnector connector = new NioSocketConnector(connectorThreads, processors);
        connector.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.getFilterChain().addLast("msnftp", new ProtocolCodecFilter(new MsnftpCodecFactory(MsnftpRole.RECEIVER)));
        connector.setHandler(MsnftpIoHandler.byAttribute());
        return connector;
    }

    /** True for a connector made by {@link #create}. */
    static boolean isMsnftp(NioSocketConnector connector) {
        return connector.getHandler() instanceof MsnftpIoHandler;
    }
}
