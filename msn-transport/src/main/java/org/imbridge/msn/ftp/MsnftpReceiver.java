package org.imbridge.msn.ftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.imbridge.msn.ftp.TransferFailedException.Reason;
import org.imbridge.msn.protocol.MsnpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file from an MSNFTP sender (docs/msnp.md, "Invitations and MSNFTP file transfer"):
 * connects, says {@code VER MSNFTP} and {@code USR handle cookie}, checks {@code FIL size} against the
 * invitation's size, says {@code TFR}, writes the blocks to the destination as they come (never holding
 * the file in memory) and ends with {@code BYE 16777989} at exactly the expected size.
 *
 * <p>Single use: {@link #start()} once, then {@link #result()} or {@link #cancel()}. Runs on the
 * connector's I/O threads and the caller's timer; every path closes the connection and the file. On
 * failure the partly written destination is left for the caller to delete.
 */
public final class MsnftpReceiver implements MsnftpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MsnftpReceiver.class);

    public static final String BYE_SUCCESS = "BYE 16777989";
    /** After we cancel, how long we keep reading (and dropping) what the sender still sends before closing. */
    static final Duration CANCEL_LINGER = Duration.ofSeconds(5);
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,19}");

    private enum State { NEW, CONNECTING, VER, USR, FIL, DATA, DONE }

    private final NioSocketConnector connector;
    private final ScheduledExecutorService timer;
    private final MsnftpTimeouts timeouts;
    private final InetSocketAddress sender;
    private final String handle;
    private final long authCookie;
    private final long expectedSize;
    private final Path destination;
    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    private final Watchdog watchdog;

    private volatile LongConsumer progress = bytes -> { };
    private State state = State.NEW;
    private ConnectFuture connecting;
    private IoSession session;
    private FileChannel file;
    private long received;
    private long startNanos;
    /** Completes {@link #result} once the lock is released, so callbacks never run under it. */
    private Runnable completion;

    /**
     * @param connector    made by {@link MsnftpConnectors#create}; the caller owns it
     * @param timer        for the timeouts; the caller owns it
     * @param sender       the address and port of the sender's ACCEPT
     * @param handle       our account, as the sender invited it
     * @param authCookie   the sender's AuthCookie (secret: never logged)
     * @param expectedSize the invitation's Application-FileSize
     * @param destination  an existing file to write to (truncated first)
     */
    public MsnftpReceiver(NioSocketConnector connector, ScheduledExecutorService timer, MsnftpTimeouts timeouts,
                          InetSocketAddress sender, String handle, long authCookie, long expectedSize,
                          Path destination) {
        if (!MsnftpConnectors.isMsnftp(connector)) {
            throw new IllegalArgumentException("the connector must come from MsnftpConnectors.create");
        }
        if (expectedSize < 0) {
            throw new IllegalArgumentException("negative size: " + expectedSize);
        }
        if (!MsnpNames.isValidHandle(handle)) {
            throw new IllegalArgumentException("not a handle: " + handle);
        }
        this.connector = connector;
        this.timer = Objects.requireNonNull(timer, "timer");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.handle = handle;
        this.authCookie = authCookie;
        this.expectedSize = expectedSize;
        this.destination = Objects.requireNonNull(destination, "destination");
        this.watchdog = new Watchdog(timer, what -> fail(Reason.TIMEOUT, "timed out waiting for " + what));
    }

    /** Called on an I/O thread with the bytes written so far, after each block; set before {@link #start()}. */
    public MsnftpReceiver onProgress(LongConsumer progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** Opens the destination and connects; the future fails with {@link TransferFailedException}. */
    public CompletableFuture<TransferResult> start() {
        ConnectFuture future = null;
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("already started");
            }
            startNanos = System.nanoTime();
            try {
                file = FileChannel.open(destination, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                state = State.CONNECTING;
                watchdog.await(timeouts.connect(), "the connection to the sender");
                future = connector.connect(sender, (s, f) -> s.setAttribute(MsnftpIoHandler.ENDPOINT, this));
                connecting = future;
            } catch (IOException e) {
                finish(new TransferFailedException(Reason.IO_ERROR, "cannot write " + destination + ": " + e, e), null);
            } catch (RuntimeException e) {
                finish(new TransferFailedException(Reason.CONNECTION_FAILED, "cannot connect: " + e, e), null);
            }
        }
        if (future != null) {
            future.addListener(f -> connectDone((ConnectFuture) f));
        }
        return takeCompletion();
    }

    public CompletableFuture<TransferResult> result() {
        return result;
    }

    /** Stops the transfer: says CCL if connected; the future fails with {@link Reason#CANCELLED}. */
    public void cancel() {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            finish(new TransferFailedException(Reason.CANCELLED, "cancelled"), "CCL");
        }
        takeCompletion();
    }

    private void connectDone(ConnectFuture future) {
        if (!future.isConnected()) {
            Throwable e = future.getException();
            fail(Reason.CONNECTION_FAILED, "cannot connect to the sender at " + sender
                    + (e == null ? "" : ": " + e.getMessage()));
        }
    }

    @Override
    public void opened(IoSession s) {
        synchronized (this) {
            if (state != State.CONNECTING) {
                s.closeNow();
                return;
            }
            session = s;
            state = State.VER;
            s.write(new MsnftpFrame.Line("VER MSNFTP"));
            watchdog.await(timeouts.step(), "VER from the sender");
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
        if (frame instanceof MsnftpFrame.CancelBlock
                || frame instanceof MsnftpFrame.Line line && line.command().equals("CCL")) {
            finish(new TransferFailedException(Reason.CANCELLED_BY_PEER, "cancelled by the sender"), null);
            return;
        }
        switch (state) {
            case VER -> {
                if (frame instanceof MsnftpFrame.Line line && line.command().equals("VER")
                        && line.argument().contains("MSNFTP")) {
                    state = State.USR;
                    session.write(new MsnftpFrame.Line("USR " + handle + " " + authCookie));
                    watchdog.await(timeouts.step(), "FIL from the sender");
                } else {
                    protocolError("expected VER MSNFTP, got " + frame);
                }
            }
            case USR -> {
                if (frame instanceof MsnftpFrame.Line line && line.command().equals("FIL")
                        && SIZE.matcher(line.argument()).matches()) {
                    onFil(line.argument());
                } else {
                    protocolError("expected FIL size, got " + frame);
                }
            }
            case DATA -> {
                if (frame instanceof MsnftpFrame.DataBlock block) {
                    onBlock(block.data());
                } else {
                    protocolError("expected a data block, got " + frame);
                }
            }
            default -> protocolError("unexpected " + frame);
        }
    }

    private void onFil(String sizeText) {
        long announced;
        try {
            announced = Long.parseLong(sizeText);
        } catch (NumberFormatException e) {
            protocolError("FIL size out of range");
            return;
        }
        if (announced != expectedSize) {
            finish(new TransferFailedException(Reason.SIZE_MISMATCH, "the sender announced " + announced
                    + " bytes, the invitation " + expectedSize), "CCL");
            return;
        }
        state = State.DATA;
        session.write(new MsnftpFrame.Line("TFR"));
        watchdog.await(timeouts.idle(), "data from the sender");
        if (expectedSize == 0) {
            succeed();
        }
    }

    private void onBlock(byte[] data) {
        if (data.length > expectedSize - received) {
            protocolError("the sender sent more than the " + expectedSize + " bytes announced");
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                file.write(buf);
            }
        } catch (IOException e) {
            finish(new TransferFailedException(Reason.IO_ERROR, "cannot write " + destination + ": " + e, e), "CCL");
            return;
        }
        received += data.length;
        watchdog.touch();
        progress.accept(received);
        if (received == expectedSize && state == State.DATA) {
            succeed();
        }
    }

    private void succeed() {
        finish(null, BYE_SUCCESS);
    }

    private void protocolError(String message) {
        finish(new TransferFailedException(Reason.PROTOCOL_ERROR, message), "CCL");
    }

    @Override
    public void closed(IoSession s) {
        synchronized (this) {
            if (s != session || state == State.DONE) {
                return;
            }
            String when = switch (state) {
                case DATA -> "after " + received + " of " + expectedSize + " bytes";
                case USR -> "after USR (wrong handle or auth cookie?)";
                default -> "before the data (state " + state + ")";
            };
            finish(new TransferFailedException(Reason.CONNECTION_FAILED, "the sender closed the connection " + when),
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
                finish(new TransferFailedException(Reason.PROTOCOL_ERROR, cause.getMessage(), cause), "CCL");
            } else {
                finish(new TransferFailedException(Reason.CONNECTION_FAILED, String.valueOf(cause), cause), null);
            }
        }
        takeCompletion();
    }

    private void fail(Reason reason, String message) {
        synchronized (this) {
            finish(new TransferFailedException(reason, message), reason == Reason.TIMEOUT ? "CCL" : null);
        }
        takeCompletion();
    }

    /**
     * Ends the transfer once (under the lock): stops the timer, closes the file, says {@code lastLine}
     * if connected and closes the connection; the future is completed by {@link #takeCompletion()}.
     */
    private void finish(TransferFailedException failure, String lastLine) {
        if (state == State.DONE) {
            return;
        }
        State was = state;
        state = State.DONE;
        watchdog.stop();
        TransferFailedException outcome = failure;
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            if (outcome == null) {
                outcome = new TransferFailedException(Reason.IO_ERROR, "cannot close " + destination + ": " + e, e);
            }
        }
        if (connecting != null && !connecting.isDone()) {
            connecting.cancel();
        }
        if (session != null) {
            closeSession(lastLine);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (outcome == null) {
            LOG.debug("MSNFTP receive from {} done: {} bytes in {} ms", sender, received, took.toMillis());
            TransferResult done = new TransferResult(received, took);
            completion = () -> result.complete(done);
        } else {
            LOG.debug("MSNFTP receive from {} failed in state {} after {} bytes: {} ({})", sender, was, received,
                    outcome.reason(), outcome.getMessage());
            TransferFailedException error = outcome;
            completion = () -> result.completeExceptionally(error);
        }
    }

    /**
     * Says {@code lastLine} and closes. After a CCL the sender may still have blocks on the way: closing
     * with unread bytes would reset the connection and could lose the CCL, so we read on (dropping the
     * data) until the sender closes, for at most {@link #CANCEL_LINGER}.
     */
    private void closeSession(String lastLine) {
        IoSession s = session;
        if (lastLine == null) {
            s.closeNow();
            return;
        }
        s.write(new MsnftpFrame.Line(lastLine));
        if (lastLine.equals(BYE_SUCCESS)) {
            s.closeOnFlush();
            return;
        }
        try {
            timer.schedule(() -> {
                s.closeNow();
            }, CANCEL_LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            s.closeOnFlush();
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
