package org.imbridge.msn.plugin.files;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * What every session's transfers share, owned by the network: the MSN client's I/O processor pool (no
 * I/O threads per transfer), threads for accept loops and connecting, one MSNFTP connector for
 * receiving, and the adapter's timer.
 *
 * @param threads    runs MINA's accept and connect loops while they are needed
 * @param processors the MSN client's processor pool
 * @param connector  made by {@link org.imbridge.msn.ftp.MsnftpConnectors#create}
 * @param timer      for answer timers and the MSNFTP timeouts
 */
public record TransferIo(Executor threads, IoProcessor<NioSession> processors, NioSocketConnector connector,
                         ScheduledExecutorService timer) {

    public TransferIo {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(processors, "processors");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(timer, "timer");
    }
}
