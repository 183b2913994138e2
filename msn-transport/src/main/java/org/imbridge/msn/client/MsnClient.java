package org.imbridge.msn.client;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionInitializer;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.imbridge.core.logging.LogContext;
import org.imbridge.mina.ShortReadNioProcessor;
import org.imbridge.msn.protocol.MsnpCodecFactory;
import org.imbridge.msn.protocol.MsnpDirection;
import org.imbridge.msn.protocol.MsnpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MSNP7 client: one shared MINA {@link NioSocketConnector} (with the MSNP codec and a single
 * handler) and one timer thread carry every notification and switchboard connection of every
 * account, however many there are. No thread is started per session: the threads are
 * {@link MsnClientConfig#ioProcessors()} MINA I/O processors ({@code ShortReadNioProcessor-N}, idle as
 * {@code msn-client-io-N}), the connector's thread while connections are being made
 * ({@code NioSocketConnector-N} / {@code msn-client-connector-N}), {@code msn-client-timer-1}, and
 * rarely {@code msn-client-resolver-1} for a host name in a referral. All are daemon threads.
 *
 * <pre>
 * try (MsnClient client = new MsnClient(MsnClientConfig.defaults())) {
 *     NotificationSession s = client.login("alice@hotmail.com", password,
 *             new InetSocketAddress("messenger.example.org", 1863), listener)
 *         .toCompletableFuture().get(60, TimeUnit.SECONDS);
 *     s.changeStatus(MsnStatus.NLN);
 * }
 * </pre>
 *
 * <p>{@link #close()} logs every session out and stops the threads. Called from a listener or a stage
 * callback (which run on the client's own threads) it cannot wait for those threads, so it stops them
 * in the background.
 */
public final class MsnClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MsnClient.class);

    /** {@link #close()} returns within this, however busy or stuck the connections are. */
    public static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    private final MsnClientConfig config;
    private final ExecutorService ioThreads;
    private final ExecutorService connectorThread;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final NioSocketConnector connector;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor resolver;
    private final Set<MsnpLink> links = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    public MsnClient() {
        this(MsnClientConfig.defaults());
    }

    public MsnClient(MsnClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        ioThreads = Executors.newCachedThreadPool(daemonThreads("msn-client-io"));
        connectorThread = Executors.newCachedThreadPool(daemonThreads("msn-client-connector"));
        processors = new SimpleIoProcessorPool<>(ShortReadNioProcessor.class, ioThreads, config.ioProcessors(), null);
        connector = new NioSocketConnector(connectorThread, processors);
        connector.setConnectTimeoutMillis(config.connectTimeout().toMillis());
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.getSessionConfig().setKeepAlive(true);
        connector.getFilterChain().addLast("msnp", new ProtocolCodecFilter(
                new MsnpCodecFactory(MsnpDirection.SERVER_TO_CLIENT, config.codecLimits())));
        connector.setHandler(new ClientIoHandler());
        timer = new ScheduledThreadPoolExecutor(1, daemonThreads("msn-client-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Host names in XFR/RNG are rare (servers send IPs); when one comes, resolve it off the I/O threads.
        resolver = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads("msn-client-resolver"));
        Duration frameTimeout = config.serverLimits().frameTimeout();
        Duration period = StalledFrameWatch.period(frameTimeout);
        timer.scheduleWithFixedDelay(new StalledFrameWatch(links, frameTimeout), period.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Logs in: VER, INF, {@code USR MD5 I}, following {@code XFR NS} referrals (at most
     * {@link MsnClientConfig#maxNsRedirects()}), {@code USR MD5 S} with md5(salt + password), then CVR
     * (if configured) and the contact lists. Completes when the lists are in, with
     * {@link NotificationSession#contactList()} filled; fails with {@link MsnErrorException} (911: wrong
     * password), {@link MsnConnectException} (unreachable), {@link MsnTimeoutException},
     * {@link MsnProtocolViolationException} or {@link MsnConnectionClosedException}.
     *
     * <p>The calling thread's logging context (MDC) is {@linkplain LogContext#capture() captured} and
     * put back in place on the client's threads for everything done for this session (its
     * notification connections, its switchboards, its timers), so the caller's keys are on all the
     * session's log lines.
     *
     * @param handle   the account, e.g. {@code alice@hotmail.com}
     * @param password used for the MD5 response only; never logged or kept after login
     * @param dispatch the dispatch (or notification) server to start at
     * @param listener receives the session's events
     * @throws IllegalArgumentException when {@code handle} is not a valid MSN account name
     */
    public CompletionStage<NotificationSession> login(String handle, String password, InetSocketAddress dispatch,
                                                      NotificationListener listener) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(listener, "listener");
        if (!MsnpNames.isValidHandle(handle)) {
            throw new IllegalArgumentException("not an MSN account name: " + handle);
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new MsnException("the MSN client is closed"));
        }
        return new LoginProcedure(this, handle, password, dispatch, listener, LogContext.capture()).start();
    }

    public MsnClientConfig config() {
        return config;
    }

    /**
     * The client's I/O processor pool, for other MINA services that must not start I/O threads of their
     * own (MSNFTP transfers, {@code org.imbridge.msn.ftp}). Disposed by {@link #close()}.
     */
    public IoProcessor<NioSession> processorPool() {
        return processors;
    }

    /**
     * The open connections' MINA sessions (notification and switchboard), for benchmarks that drive one
     * connection's filter chain without its socket (the bench module's message-path benchmark).
     */
    public Collection<IoSession> ioSessions() {
        return List.copyOf(connector.getManagedSessions().values());
    }

    /** Open TCP connections (notification and switchboard) on the shared connector. */
    public int connectionCount() {
        return connector.getManagedSessionCount();
    }

    /**
     * Logs out every session, closes every connection and stops the client's threads, within
     * {@link #CLOSE_BOUND} whatever the connections do: sessions get half of it to say OUT, then every
     * connection is closed at once; an I/O thread that does not stop in the rest (busy, or dead after an
     * error, which leaves MINA's {@code dispose} waiting forever) is left behind as a daemon thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Sessions first: each says OUT on its switchboards and itself; then whatever is left.
        for (MsnpLink link : List.copyOf(links)) {
            if (link instanceof NotificationConnection ns && ns.isConnected()) {
                ns.logContext.run(ns::logout);
            }
        }
        for (MsnpLink link : List.copyOf(links)) {
            link.closeAfterFlush(DisconnectReason.LOGGED_OUT);
        }
        if (Thread.currentThread() instanceof ClientThread) {
            Thread stopper = new Thread(this::stopThreads, "msn-client-shutdown");
            stopper.setDaemon(true);
            stopper.start();
        } else {
            stopThreads();
        }
    }

    /**
     * Drops every connection as a crash would, for fault tests: no OUT, nothing flushed; then stops
     * the client's threads.
     */
    public void abort() {
        if (closed.compareAndSet(false, true)) {
            stopThreads();
        }
    }

    private void stopThreads() {
        long deadline = System.nanoTime() + CLOSE_BOUND.toNanos();
        awaitLinksClosed(CLOSE_BOUND.dividedBy(2));
        for (IoSession session : connector.getManagedSessions().values()) {
            session.closeNow();
        }
        // MINA's dispose waits, without a bound, for each I/O thread to finish its loop; never here.
        Thread disposer = new Thread(() -> {
            connector.dispose(false);
            processors.dispose();
        }, "msn-client-dispose");
        disposer.setDaemon(true);
        disposer.start();
        try {
            disposer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        resolver.shutdownNow();
        connectorThread.shutdownNow();
        ioThreads.shutdownNow();
        if (disposer.isAlive()) {
            LOG.warn("MSN client: the I/O threads did not stop within {} ms; left behind as daemon threads",
                    CLOSE_BOUND.toMillis());
        } else {
            LOG.debug("MSN client closed");
        }
    }

    private void awaitLinksClosed(Duration bound) {
        CompletableFuture<?>[] all = List.copyOf(links).stream().map(MsnpLink::closedFuture)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("MSN client: {} connections still open after {} ms; closing them now",
                    connector.getManagedSessionCount(), bound.toMillis());
        }
    }

    // ---- for the links ----

    /**
     * Opens a TCP connection for {@code link}. The link is attached to the MINA session before the
     * session's first event, so no inbound command can miss it.
     */
    CompletableFuture<Void> connect(InetSocketAddress address, MsnpLink link) {
        if (closed.get()) {
            link.terminated();
            return CompletableFuture.failedFuture(new MsnException("the MSN client is closed"));
        }
        if (address.isUnresolved()) {
            return resolve(address, link.logContext).whenComplete((resolved, e) -> {
                if (e != null) {
                    link.terminated();
                }
            }).thenCompose(resolved -> checkedConnect(address.getHostString(), resolved, link));
        }
        return checkedConnect(address.getHostString(), address, link);
    }

    /** Connects to the resolved address of a referral only when the link's {@link ReferralPolicy} accepts it. */
    private CompletableFuture<Void> checkedConnect(String host, InetSocketAddress address, MsnpLink link) {
        ReferralPolicy policy = link.referralPolicy();
        if (policy != null) {
            try {
                policy.check(host, address);
            } catch (MsnReferralRefusedException e) {
                LOG.warn("{}: {}", link, e.getMessage());
                link.terminated();
                return CompletableFuture.failedFuture(e);
            }
        }
        return connectResolved(address, link);
    }

    private CompletableFuture<Void> connectResolved(InetSocketAddress address, MsnpLink link) {
        if (closed.get()) {
            link.terminated();
            return CompletableFuture.failedFuture(new MsnException("the MSN client is closed"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        links.add(link);
        IoSessionInitializer<ConnectFuture> initializer = (session, future) -> {
            session.setAttribute(MsnpLink.LINK, link);
            if (!link.logContext.isEmpty()) {
                // Before the chain is built from the connector's (which appends the codec), so first.
                session.getFilterChain().addFirst(LogContextFilter.NAME, new LogContextFilter(link.logContext));
            }
            link.attach(session);
        };
        ConnectFuture connecting;
        try {
            connecting = connector.connect(address, initializer);
        } catch (RuntimeException e) {
            link.terminated();
            return CompletableFuture.failedFuture(new MsnConnectException(address, e));
        }
        // Called on the connector's thread when the connection fails.
        connecting.addListener(f -> link.logContext.run(() -> {
            ConnectFuture c = (ConnectFuture) f;
            if (!c.isConnected()) {
                link.terminated();
                result.completeExceptionally(new MsnConnectException(address, c.getException()));
            } else if (link.isCloseRequested()) {
                c.getSession().closeNow();
                result.completeExceptionally(link.closedException("connection abandoned"));
            } else {
                result.complete(null);
            }
        }));
        return result;
    }

    private CompletableFuture<InetSocketAddress> resolve(InetSocketAddress address, LogContext context) {
        CompletableFuture<InetSocketAddress> resolved = new CompletableFuture<>();
        try {
            resolver.execute(context.wrap(() -> {
                InetSocketAddress a = new InetSocketAddress(address.getHostString(), address.getPort());
                if (a.isUnresolved()) {
                    resolved.completeExceptionally(new MsnConnectException(address,
                            new UnknownHostException(address.getHostString())));
                } else {
                    resolved.complete(a);
                }
            }));
        } catch (RejectedExecutionException e) {
            resolved.completeExceptionally(new MsnException("the MSN client is closed"));
        }
        return resolved;
    }

    /** Schedules on the shared timer; {@code null} when the client is closed. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timer.schedule(task, Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    void unregister(MsnpLink link) {
        links.remove(link);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new ClientThread(r, prefix + "-" + n.incrementAndGet());
    }

    /** The client's own threads, so that {@link #close()} can tell when it is called from one. */
    private static final class ClientThread extends Thread {
        ClientThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
