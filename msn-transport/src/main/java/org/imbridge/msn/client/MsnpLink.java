package org.imbridge.msn.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.imbridge.core.logging.LogContext;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to an MSN server (dispatch, notification or switchboard): writes commands,
 * matches reply lines to waiting {@link Transaction}s by TrID, and fails whatever is still waiting
 * when the connection ends. The MINA session points back here through {@link #LINK}.
 *
 * <p>Inbound commands arrive on the session's I/O thread, one at a time; requests may come from any
 * thread. Subclasses apply every inbound command to their state in {@link #handle} before the
 * waiting transaction sees it, so a completed request already sees its effect.
 */
abstract class MsnpLink {

    /** The session attribute holding the link; set before the session's first event. */
    static final AttributeKey LINK = new AttributeKey(MsnpLink.class, "link");

    /** Server commands whose first parameter is the TrID of the request they answer. */
    private static final Set<String> REPLIES_WITH_TRID = Set.of("VER", "INF", "USR", "XFR", "CVR", "SYN", "GTC",
            "BLP", "PRP", "LSG", "LST", "ADD", "REM", "REA", "CHG", "QRY", "ADG", "RMG", "REG", "URL", "SND",
            "ANS", "IRO", "CAL");

    private static final Logger LOG = LoggerFactory.getLogger(MsnpLink.class);

    final MsnClient client;
    final TrIdCounter trIds;
    /** The logging context of the session's owner, in place around everything done for this link. */
    final LogContext logContext;
    private final ConcurrentMap<Long, Transaction<?>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<DisconnectReason> closeReason = new AtomicReference<>();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile IoSession session;
    private volatile InetSocketAddress remote;
    private volatile boolean closeRequested;

    MsnpLink(MsnClient client, TrIdCounter trIds, LogContext logContext) {
        this.client = client;
        this.trIds = trIds;
        this.logContext = logContext;
    }

    /** Applies an inbound command to the subclass's state; false when the command means nothing to it. */
    abstract boolean handle(MsnpCommand cmd);

    /** The connection has ended (or never came up); called once. */
    abstract void onTerminated(DisconnectReason reason);

    MsnClientConfig config() {
        return client.config();
    }

    // ---- connection lifecycle ----

    final CompletableFuture<Void> connect(InetSocketAddress address) {
        remote = address;
        return client.connect(address, this);
    }

    /** The policy that must accept this connection's address, or {@code null} when it is not a referral. */
    ReferralPolicy referralPolicy() {
        return null;
    }

    /** The address this connection reached, or {@code null} before it is connected. */
    final InetAddress connectedAddress() {
        IoSession s = session;
        return s != null && s.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** Our own address on this connection, or {@code null} before it is connected. */
    final InetAddress ownAddress() {
        IoSession s = session;
        return s != null && s.getLocalAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** Called from the session initializer, before the session's first event. */
    final void attach(IoSession ioSession) {
        session = ioSession;
    }

    final IoSession session() {
        return session;
    }

    final InetSocketAddress remote() {
        return remote;
    }

    final boolean isCloseRequested() {
        return closeRequested;
    }

    final boolean isTerminated() {
        return terminated.get();
    }

    /** Completes when the connection has ended. */
    final CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** The reason given to the first close request, or {@code null} while nobody asked. */
    final DisconnectReason closeReason() {
        return closeReason.get();
    }

    /** Closes now; the first reason given wins. */
    final void closeWith(DisconnectReason reason) {
        closeReason.compareAndSet(null, reason);
        closeRequested = true;
        IoSession s = session;
        if (s != null) {
            s.closeNow();
        }
    }

    /**
     * Names the reason for a close that a goodbye about to be written will cause: the server may close
     * the connection as soon as it reads it, before {@link #closeAfterFlush} runs.
     */
    final void expectClose(DisconnectReason reason) {
        closeReason.compareAndSet(null, reason);
    }

    /** Closes once the commands already written are on the wire. */
    final void closeAfterFlush(DisconnectReason reason) {
        closeReason.compareAndSet(null, reason);
        closeRequested = true;
        IoSession s = session;
        if (s != null) {
            s.closeOnFlush();
        }
    }

    /**
     * For a goodbye the server answers by closing the connection (switchboard {@code OUT}, written
     * just before): nothing more is written, but replies to earlier commands still arrive until the
     * server closes; after {@code grace} we close anyway. Returns the fallback timer.
     */
    final ScheduledFuture<?> awaitServerClose(DisconnectReason reason, Duration grace) {
        closeReason.compareAndSet(null, reason);
        closeRequested = true;
        return schedule(() -> closeWith(reason), grace);
    }

    /** The server sent something we cannot follow: log it and close this connection. */
    final void protocolError(String message) {
        LOG.warn("{}: closing the connection, protocol error: {}", this, message);
        closeWith(DisconnectReason.PROTOCOL_ERROR);
    }

    /** The session closed, or the connection could not be made: fail everything still waiting. */
    final void terminated() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        closeReason.compareAndSet(null, DisconnectReason.CONNECTION_LOST);
        DisconnectReason reason = closeReason.get();
        MsnConnectionClosedException cause = closedException("connection to " + ServerAddress.format(remote) + " closed");
        for (Transaction<?> tx : pending.values()) {
            tx.future.completeExceptionally(cause);
        }
        pending.clear();
        client.unregister(this);
        try {
            onTerminated(reason);
        } catch (RuntimeException e) {
            LOG.error("{}: cleaning up after the connection closed failed", this, e);
        }
        closed.complete(null);
    }

    final MsnConnectionClosedException closedException(String message) {
        DisconnectReason reason = closeReason.get();
        return new MsnConnectionClosedException(message, reason == null ? DisconnectReason.CONNECTION_LOST : reason);
    }

    // ---- writing and transactions ----

    /** Writes a command; the future completes when it is on the wire. */
    final CompletableFuture<Void> write(MsnpCommand cmd) {
        IoSession s = session;
        if (s == null || closeRequested || !s.isConnected() || s.isClosing()) {
            return CompletableFuture.failedFuture(closedException("cannot send " + cmd.name()));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} >> {}", this, WireLog.describe(cmd));
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        s.write(cmd).addListener(f -> {
            WriteFuture w = (WriteFuture) f;
            if (w.isWritten()) {
                written.complete(null);
            } else if (s.isClosing() || !s.isConnected()) {
                written.completeExceptionally(closedException("could not send " + cmd.name()));
            } else {
                written.completeExceptionally(new MsnException("could not send " + cmd.name(), w.getException()));
            }
        });
        return written;
    }

    /**
     * Sends a request with a fresh TrID and waits for its replies; fails with
     * {@link MsnTimeoutException} when no reply finishes it within {@code timeout}.
     */
    final <T> CompletableFuture<T> transact(Transaction<T> tx, LongFunction<MsnpCommand> command, Duration timeout) {
        long trId = trIds.next();
        pending.put(trId, tx);
        ScheduledFuture<?> timer = schedule(() -> {
            if (pending.remove(trId, tx)) {
                tx.future.completeExceptionally(new MsnTimeoutException(
                        tx.request() + " " + trId + " got no answer within " + timeout.toMillis() + " ms"));
            }
        }, timeout);
        tx.future.whenComplete((r, e) -> {
            if (timer != null) {
                timer.cancel(false);
            }
            pending.remove(trId, tx);
        });
        if (isTerminated()) {
            tx.future.completeExceptionally(closedException("cannot send " + tx.request()));
            return tx.future;
        }
        write(command.apply(trId)).whenComplete((v, e) -> {
            if (e != null) {
                tx.future.completeExceptionally(Futures.unwrap(e));
            }
        });
        return tx.future;
    }

    /** Requests of this kind ({@code CHL} answers: {@code QRY}) waiting for their reply now. */
    final long pendingCount(String request) {
        return pending.values().stream().filter(tx -> tx.request().equals(request)).count();
    }

    /** A request answered by one line named one of {@code replies}, within the request timeout. */
    final CompletableFuture<MsnpCommand> request(Set<String> replies, String name, Object... params) {
        return transact(Transaction.singleReply(name, replies), trId -> {
            Object[] all = new Object[params.length + 1];
            all[0] = trId;
            System.arraycopy(params, 0, all, 1, params.length);
            return MsnpCommand.of(name, all);
        }, config().requestTimeout());
    }

    /**
     * Runs {@code task} on the client's timer after {@code delay}, in the link's logging context;
     * {@code null} once the client is closed.
     */
    final ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return client.schedule(logContext.wrap(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{}: timer task failed", this, e);
            }
        }), delay);
    }

    // ---- reading ----

    /** An inbound command, on the session's I/O thread. */
    final void commandReceived(MsnpCommand cmd) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} << {}", this, WireLog.describe(cmd));
        }
        boolean handled = handle(cmd);
        boolean consumed = false;
        if (cmd.isError() || REPLIES_WITH_TRID.contains(cmd.name())) {
            long trId = cmd.trId();
            Transaction<?> tx = trId > 0 ? pending.get(trId) : null;
            if (tx != null) {
                Transaction.Step step = tx.accept(cmd);
                consumed = step != Transaction.Step.IGNORED;
                if (step == Transaction.Step.DONE) {
                    pending.remove(trId, tx);
                }
            } else if (cmd.isError()) {
                LOG.info("{}: error {} for no waiting request", this, MsnpError.describe(cmd.errorCode()));
                consumed = true;
            }
        }
        if (!handled && !consumed) {
            LOG.debug("{}: ignoring {}", this, cmd.name());
        }
    }
}
