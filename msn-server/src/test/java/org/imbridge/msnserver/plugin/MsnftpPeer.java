package org.imbridge.msnserver.plugin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.MsnftpConnectors;
import org.imbridge.msn.ftp.MsnftpReceiver;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.MsnftpTimeouts;
import org.imbridge.msn.ftp.PortRange;
import org.imbridge.msn.ftp.TransferFailedException;

/**
 * The MSNFTP side of a {@link Peer}: what a contact's own client runs when it sends or receives a file,
 * on the peers' client's I/O processor pool. Close after each test.
 */
final class MsnftpPeer implements AutoCloseable {

    static final MsnftpTimeouts TIMEOUTS = MsnftpTimeouts.all(Duration.ofSeconds(10));

    private final String handle;
    private final IoProcessor<NioSession> processors;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "msnftp-peer");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final NioSocketConnector connector;

    MsnftpPeer(String handle, IoProcessor<NioSession> processors) {
        this.handle = handle;
        this.processors = processors;
        this.connector = MsnftpConnectors.create(threads, processors);
    }

    /** Serves {@code file} to {@code receiver} on a free loopback port. */
    MsnftpSender serve(Path file, String receiver, long authCookie) throws TransferFailedException {
        MsnftpSender sender = new MsnftpSender(threads, processors, timer, TIMEOUTS, file, receiver, authCookie);
        sender.start(InetAddress.getLoopbackAddress(), PortRange.ANY);
        return sender;
    }

    /** A receiver for the sender's ACCEPT {@code accept}, not started. */
    MsnftpReceiver receiver(FileInvitation accept, long size, Path into) {
        return new MsnftpReceiver(connector, timer, TIMEOUTS, new InetSocketAddress(accept.ipAddress(), accept.port()),
                handle, accept.authCookie(), size, into);
    }

    @Override
    public void close() {
        connector.dispose(false);
        timer.shutdownNow();
        threads.shutdownNow();
    }
}
