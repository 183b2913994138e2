package org.imbridge.msn.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.apache.mina.core.RuntimeIoException;
import org.apache.mina.core.future.IoFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.imbridge.msn.ftp.TransferFailedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one file to one receiver over MSNFTP (docs/msnp.md, "Invitations and MSNFTP file transfer"):
 * listens on the first free port of a range, takes the first connection only (the listener is closed
 * then, and a connection arriving meanwhile is closed at once), answers {@code VER MSNFTP}, checks the
 * receiver's handle and auth cookie in {@code USR} (a mismatch closes the connection with no data sent),
 * says {@code FIL size}, and after {@code TFR} streams the file in blocks of at most
 * {@value MsnftpFrame#MAX_BLOCK} bytes read as they are sent, with at most {@value #MAX_IN_FLIGHT} blocks
 * written but not yet flushed. The receiver's {@code BYE} ends it.
 *
 * <p>Each sender has its own {@link NioSocketAcceptor}, made on the caller's I/O processor pool, so it adds
 * no I/O thread: only the accept loop, run from {@code acceptorThreads} while listening. The acceptor is
 * disposed on every path (the shared pool is left alone).
 *
 * <p>Single use: {@link #start(InetAddress, PortRange)} once, then {@link #result()} or {@link #cancel()}.
 */
public final class MsnftpSender implements MsnftpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MsnftpSender.class);

    /** Blocks handed to MINA and not yet written to the socket: 8 × 2 KiB of memory per transfer at most. */
    static final int MAX_IN_FLIGHT = 8;
    /** How long a last CCL or cancel block may take to flush before the connection is closed anyway. */
    static final Duration CLOSE_BACKSTOP = Duration.ofSeconds(5);

    private enum State { NEW, LISTENING, VER, USR, TFR, DATA, BYE, DONE }

    private final Executor acceptorThreads;
    private final IoProcessor<NioSession> processors;
    private final ScheduledExecutorService timer;
    private final MsnftpTimeouts timeouts;
    private final Path path;
    private final String receiverHandle;
    private final long authCookie;
    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    private final Watchdog watchdog;

    private volatile LongConsumer progress = bytes -> { };
    private State state = State.NEW;
    private NioSocketAcceptor acceptor;
    private int port;
    private FileChannel file;
    private long size;
    private IoSession session;
    /** Bytes read from the file and handed to MINA. */
    private long queued;
    /** Bytes MINA reports written to the socket. */
    private long sent;
    private int inFlight;
    private boolean pumping;
    private long startNanos;
    private Runnable completion;

    /**
     * @param acceptorThreads runs the accept loop while listening (a shared cached pool is right)
     * @param processors      the shared I/O processor pool; not disposed here
     * @param timer           for the timeouts; the caller owns it
     * @param file            the file to serve; its size is taken at {@link #start}
     * @param receiverHandle  the account the file was offered to; {@code USR} must name it (case ignored)
     * @param authCookie      the AuthCookie of our ACCEPT (secret: never logged)
     */
    public MsnftpSender(Executor acceptorThreads, IoProcessor<NioSession> processors, ScheduledExecutorService timer,
                        MsnftpTimeouts timeouts, Path file, String receiverHandle, long authCookie) {
        this.acceptorThreads = Objects.requireNonNull(acceptorThreads, "acceptorThreads");
        this.processors = Objects.requireNonNull(processors, "processors");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.path = Objects.requireNonNull(file, "file");
        this.receiverHandle = Objects.requireNonNull(receiverHandle, "receiverHandle");
        this.authCookie = authCookie;
        this.watchdog = new Watchdog(timer, what -> fail(Reason.TIMEOUT, "timed out waiting for " + what));
    }

    /** Called on an I/O thread with the bytes written so far; set before {@link #start}. */
    public MsnftpSender onProgress(LongConsumer progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Opens the file and listens on the first free port of {@code ports} on {@code bindAddress}.
     *
     * @return the port to put in the ACCEPT
     * @throws TransferFailedException ({@link Reason#IO_ERROR}) when the file cannot be read, or
     *                                 ({@link Reason#CONNECTION_FAILED}) when no port of the range is free;
     *                                 {@link #result()} fails the same way
     */
    public int start(InetAddress bindAddress, PortRange ports) throws TransferFailedException {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("already started");
            }
            startNanos = System.nanoTime();
            state = State.LISTENING;
            try {
                file = FileChannel.open(path, StandardOpenOption.READ);
                size = file.size();
            } catch (IOException e) {
                finish(new TransferFailedException(Reason.IO_ERROR, "cannot read " + path + ": " + e, e), null);
            }
            if (state == State.LISTENING) {
                acceptor = newAcceptor();
                port = bind(bindAddress, ports);
                if (port < 0) {
                    acceptor.dispose(false);
                    acceptor = null;
                    finish(new TransferFailedException(Reason.CONNECTION_FAILED,
                            "no free port in " + ports + " on " + bindAddress.getHostAddress()), null);
                } else {
                    watchdog.await(timeouts.receiverConnect(), "the receiver to connect");
                    LOG.debug("MSNFTP: serving {} bytes on port {}", size, port);
                }
            }
        }
        takeCompletion();
        if (result.isCompletedExceptionally()) {
            try {
                result.join();
            } catch (CompletionException e) {
                throw (TransferFailedException) e.getCause();
            }
        }
        return port;
    }

    private NioSocketAcceptor newAcceptor() {
        NioSocketAcceptor a = new NioSocketAcceptor(acceptorThreads, processors);
        a.setReuseAddress(true);
        a.setBacklog(2);
        // Unbinding after the first connection must not close it.
        a.setCloseOnDeactivation(false);
        a.getSessionConfig().setTcpNoDelay(true);
        a.getFilterChain().addLast("msnftp", new ProtocolCodecFilter(new MsnftpCodecFactory(MsnftpRole.SENDER)));
        a.setHandler(new MsnftpIoHandler(s -> this));
        return a;
    }

    private int bind(InetAddress address, PortRange ports) {
        for (int p = ports.first(); p <= ports.last(); p++) {
            try {
                acceptor.bind(new InetSocketAddress(address, p));
                return acceptor.getLocalAddress().getPort();
            } catch (IOException | RuntimeIoException e) {
                LOG.trace("MSNFTP: port {} not free: {}", p, e.toString());
            }
        }
        return -1;
    }

    /** The port listened on, after {@link #start}. */
    public synchronized int port() {
        return port;
    }

    /** The file's size as announced in {@code FIL}, after {@link #start}. */
    public synchronized long size() {
        return size;
    }

    public CompletableFuture<TransferResult> result() {
        return result;
    }

    /**
     * Stops the transfer: the cancel block during the data, {@code CCL} before it; the future fails with
     * {@link Reason#CANCELLED}.
     */
    public void cancel() {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            MsnftpFrame last = state == State.DATA || state == State.BYE ? new MsnftpFrame.CancelBlock()
                    : session != null ? new MsnftpFrame.Line("CCL") : null;
            finish(new TransferFailedException(Reason.CANCELLED, "cancelled"), last);
        }
        takeCompletion();
    }

    @Override
    public void opened(IoSession s) {
        synchronized (this) {
            if (state != State.LISTENING) {
                s.closeNow();
                return;
            }
            session = s;
            state = State.VER;
            watchdog.await(timeouts.step(), "VER from the receiver");
            stopListening();
        }
    }

    @Override
    public void received(IoSession s, MsnftpFrame frame) {
        synchronized (this) {
            if (s == session && state != State.DONE) {
                onFrame(frame);
            }
        }
        takeCompletion();
    }

    private void onFrame(MsnftpFrame frame) {
        if (!(frame instanceof MsnftpFrame.Line line)) {
            protocolError("the receiver sent data");
            return;
        }
        String command = line.command();
        if (command.equals("CCL")) {
            finish(new TransferFailedException(Reason.CANCELLED_BY_PEER, "cancelled by the receiver"), null);
            return;
        }
        switch (state) {
            case VER -> {
                if (command.equals("VER") && line.argument().contains("MSNFTP")) {
                    state = State.USR;
                    session.write(new MsnftpFrame.Line("VER MSNFTP"));
                    watchdog.await(timeouts.step(), "USR from the receiver");
                } else {
                    protocolError("expected VER MSNFTP, got " + line);
                }
            }
            case USR -> {
                if (command.equals("USR")) {
                    onUsr(line.argument());
                } else {
                    protocolError("expected USR, got " + line);
                }
            }
            case TFR -> {
                if (command.equals("TFR")) {
                    state = State.DATA;
                    watchdog.await(timeouts.idle(), "the receiver to take the data");
                    pump();
                } else {
                    protocolError("expected TFR, got " + line);
                }
            }
            case DATA, BYE -> {
                if (!command.equals("BYE")) {
                    protocolError("expected BYE, got " + line);
                } else if (sent == size) {
                    finish(null, null);
                } else {
                    finish(new TransferFailedException(Reason.CANCELLED_BY_PEER,
                            "the receiver ended after " + sent + " of " + size + " bytes"), null);
                }
            }
            default -> protocolError("unexpected " + line);
        }
    }

    private void onUsr(String argument) {
        String[] parts = argument.split(" ");
        boolean ok = parts.length == 2 && parts[0].equalsIgnoreCase(receiverHandle)
                && parts[1].equals(Long.toString(authCookie));
        if (!ok) {
            finish(new TransferFailedException(Reason.AUTH_FAILED,
                    "the receiver presented the wrong handle or auth cookie"), null);
            return;
        }
        state = State.TFR;
        session.write(new MsnftpFrame.Line("FIL " + size));
        watchdog.await(timeouts.step(), "TFR from the receiver");
    }

    /** Hands blocks to MINA while fewer than {@link #MAX_IN_FLIGHT} are unwritten (under the lock). */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (state == State.DATA && inFlight < MAX_IN_FLIGHT && queued < size) {
                int n = (int) Math.min(MsnftpFrame.MAX_BLOCK, size - queued);
                byte[] data = new byte[n];
                if (!readFully(data, queued)) {
                    return;
                }
                queued += n;
                inFlight++;
                WriteFuture written = session.write(new MsnftpFrame.DataBlock(data));
                written.addListener(f -> blockWritten(f, n));
            }
            if (state == State.DATA && sent == size) {
                state = State.BYE;
                watchdog.await(timeouts.step(), "BYE from the receiver");
            }
        } finally {
            pumping = false;
        }
    }

    private boolean readFully(byte[] data, long position) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        try {
            while (buf.hasRemaining()) {
                if (file.read(buf, position + buf.position()) < 0) {
                    finish(new TransferFailedException(Reason.IO_ERROR, path + " shrank while being sent"),
                            new MsnftpFrame.CancelBlock());
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            finish(new TransferFailedException(Reason.IO_ERROR, "cannot read " + path + ": " + e, e),
                    new MsnftpFrame.CancelBlock());
            return false;
        }
    }

    private void blockWritten(IoFuture future, int bytes) {
        long now;
        synchronized (this) {
            if (state == State.DONE || !((WriteFuture) future).isWritten()) {
                return; // a failed write also reaches failed() or closed()
            }
            inFlight--;
            sent += bytes;
            now = sent;
            watchdog.touch();
            pump();
        }
        progress.accept(now);
        takeCompletion();
    }

    @Override
    public void closed(IoSession s) {
        synchronized (this) {
            if (s != session || state == State.DONE) {
                return;
            }
            String when = state == State.DATA || state == State.BYE
                    ? "after " + sent + " of " + size + " bytes, without BYE" : "before the data (state " + state + ")";
            finish(new TransferFailedException(Reason.CONNECTION_FAILED, "the receiver closed the connection " + when),
                    null);
        }
        takeCompletion();
    }

    @Override
    public void failed(IoSession s, Throwable cause) {
        synchronized (this) {
            if (s != session || state == State.DONE) {
                s.closeNow();
                return;
            }
            if (cause instanceof ProtocolDecoderException) {
                protocolError(cause.getMessage());
            } else {
                finish(new TransferFailedException(Reason.CONNECTION_FAILED, String.valueOf(cause), cause), null);
            }
        }
        takeCompletion();
    }

    private void protocolError(String message) {
        MsnftpFrame last = state == State.DATA || state == State.BYE ? new MsnftpFrame.CancelBlock()
                : new MsnftpFrame.Line("CCL");
        finish(new TransferFailedException(Reason.PROTOCOL_ERROR, message), last);
    }

    private void fail(Reason reason, String message) {
        synchronized (this) {
            MsnftpFrame last = session == null ? null
                    : state == State.DATA || state == State.BYE ? new MsnftpFrame.CancelBlock()
                    : new MsnftpFrame.Line("CCL");
            finish(new TransferFailedException(reason, message), last);
        }
        takeCompletion();
    }

    /** Ends the transfer once (under the lock); {@link #takeCompletion()} completes the future. */
    private void finish(TransferFailedException failure, MsnftpFrame last) {
        if (state == State.DONE) {
            return;
        }
        State was = state;
        state = State.DONE;
        watchdog.stop();
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debug("MSNFTP: closing {} failed: {}", path, e.toString());
            }
        }
        if (session != null) {
            if (last != null) {
                IoSession s = session;
                s.write(last);
                s.closeOnFlush();
                // A receiver that stopped reading never lets the flush end.
                try {
                    timer.schedule(() -> {
                        s.closeNow();
                    }, CLOSE_BACKSTOP.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    s.closeNow();
                }
            } else {
                session.closeNow();
            }
        }
        NioSocketAcceptor listening = acceptor;
        acceptor = null;
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Runnable complete;
        if (failure == null) {
            LOG.debug("MSNFTP send done: {} bytes in {} ms", sent, took.toMillis());
            TransferResult done = new TransferResult(sent, took);
            complete = () -> result.complete(done);
        } else {
            LOG.debug("MSNFTP send failed in state {} after {} of {} bytes: {} ({})", was, sent, size,
                    failure.reason(), failure.getMessage());
            complete = () -> result.completeExceptionally(failure);
        }
        // Still listening (nobody came): the future completes once the port is free again.
        completion = listening == null ? complete : () -> dispose(listening, complete);
    }

    /** Stops accepting once the receiver is in; a connection arriving meanwhile is closed by {@link #opened}. */
    private void stopListening() {
        NioSocketAcceptor a = acceptor;
        acceptor = null;
        if (a != null) {
            dispose(a, () -> { });
        }
    }

    /** Disposes {@code a} off the I/O threads (MINA's unbind waits for the accept loop), then runs {@code then}. */
    private void dispose(NioSocketAcceptor a, Runnable then) {
        Runnable task = () -> {
            try {
                a.dispose(false);
            } finally {
                then.run();
            }
        };
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private CompletableFuture<TransferResult> takeCompletion() {
        Runnable c;
        synchronized (this) {
            c = completion;
            completion = null;
        }
        if (c != null) {
            c.run();
        }
        return result;
    }
}
