package org.imbridge.xmpp.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import org.imbridge.core.session.Backoff;
import org.imbridge.core.session.SerialExecutor;
import org.imbridge.mina.ShortReadNioProcessor;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.jivesoftware.smack.packet.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's connection to its XMPP server (XEP-0114) over MINA: opens the
 * {@code jabber:component:accept} stream, answers the stream id with the SHA-1 handshake, then carries
 * Smack stanzas both ways; keeps the connection alive with whitespace, and reconnects with jittered
 * exponential backoff when it is lost.
 *
 * <pre>
 * ComponentConnection connection = ComponentConnection.builder(config)
 *         .onStanza(stanza -&gt; gateway.handle(stanza))
 *         .onStateChange(state -&gt; { if (state instanceof ComponentState.Stopped s &amp;&amp; s.fatal()) exit(s.reason()); })
 *         .build();
 * connection.start().toCompletableFuture().get(30, SECONDS);
 * connection.send(message);
 * connection.stop();
 * </pre>
 *
 * <p>Stream errors are logged with their condition and text. {@code not-authorized},
 * {@code conflict} and {@code host-unknown} cannot be fixed by reconnecting: the connection stops and
 * reports {@link ComponentState.Stopped} with {@code fatal} set and a message saying what to fix in the
 * configuration. Anything else (another stream error, a dropped connection, malformed XML from the
 * server, no handshake within {@link ComponentConfig#connectTimeout()}) leads to a reconnect.
 *
 * <p>One stanza never ends the stream: an element the decoder refused (too large, too deep; see
 * {@link StreamFramingDecoder}) or that cannot be parsed, whatever the parser throws, is answered with
 * an error of the same kind to its sender and logged without its content ({@link StanzaRefusals}).
 *
 * <p>Threads: MINA's I/O thread only frames, decides and writes. Listeners are called on one event
 * executor, one call at a time and in order (state changes and stanzas interleaved as they happened).
 * Timers run on a scheduler. {@link #send} never blocks. Each of the three can be supplied (shared) or
 * owned by the connection; owned ones are shut down by {@link #stop()}.
 */
public final class ComponentConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentConnection.class);
    private static final AttributeKey CONNECTION_ID = new AttributeKey(ComponentConnection.class, "connectionId");
    private static final AttributeKey OUTBOX = new AttributeKey(ComponentConnection.class, "outbox");
    /**
     * How long a sender waits for room when the queue is full while online: a mass logoff sends tens of
     * thousands of presences within a second, faster than one socket drains them.
     */
    static final Duration FULL_QUEUE_WAIT = Duration.ofSeconds(10);

    private enum Phase { NEW, CONNECTING, ONLINE, WAITING, STOPPED }

    private final ComponentConfig config;
    private final NioSocketConnector connector;
    private final boolean ownsConnector;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ExecutorService ownedEventThread;
    private final SerialExecutor events;
    private final List<IncomingStanzaListener> stanzaListeners;
    private final List<ComponentStateListener> stateListeners;
    private final IncomingBacklog backlog;
    private final ContainedStanzaParser parser;
    private final StanzaRefusals refusals;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private final Backoff backoff;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private Phase phase = Phase.NEW;
    private volatile ComponentState state;
    /** Attempts since the last successful handshake. */
    private int attempt;
    /** Identifies the current attempt, so that its session is recognised and older timers do nothing. */
    private int connectionId;
    private ConnectFuture connecting;
    private IoSession session;
    private String streamId;
    /** Why the current session is being closed, for the reconnect message. */
    private String closeCause;
    private ScheduledFuture<?> timer;
    private boolean queueFullReported;
    /**
     * Stanzas accepted by send() and not yet written to the socket (or failed). Not guarded by the
     * lock, so that MINA's write-completion callbacks on the I/O thread do not contend with senders.
     */
    private final OutgoingRoom room;
    /** The I/O thread of the open session: it completes the writes, so it must never wait for room. */
    private volatile Thread ioThread;
    private boolean released;

    private ComponentConnection(Builder builder) {
        StanzaCodec.initialize();
        this.config = builder.config;
        this.ownsConnector = builder.connector == null;
        this.connector = ownsConnector ? new NioSocketConnector(ShortReadNioProcessor.class, 1) : builder.connector;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? newScheduler() : builder.scheduler;
        this.ownedEventThread = builder.eventExecutor == null
                ? Executors.newSingleThreadExecutor(daemonThreads("xmpp-component-events")) : null;
        this.events = new SerialExecutor(builder.eventExecutor == null ? ownedEventThread : builder.eventExecutor);
        this.stanzaListeners = List.copyOf(builder.stanzaListeners);
        this.stateListeners = List.copyOf(builder.stateListeners);
        this.backlog = new IncomingBacklog(config.maxIncomingBacklog());
        this.room = new OutgoingRoom(config.maxOutgoingQueue());
        this.parser = new ContainedStanzaParser(builder.parser);
        this.refusals = new StanzaRefusals(config.domain(), config.maxStanzaBytes(), this::send);
        this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax(), builder.random);
        configure(connector);
    }

    /**
     * @param config where to connect, as whom, and the limits
     * @return a builder for a connection with that config
     */
    public static Builder builder(ComponentConfig config) {
        return new Builder(config);
    }

    /** @return the connection's config */
    public ComponentConfig config() {
        return config;
    }

    /** @return the state last entered, empty before {@link #start()} */
    public Optional<ComponentState> state() {
        return Optional.ofNullable(state);
    }

    /**
     * Starts connecting; reconnects by itself from then on until {@link #stop()} or a fatal error.
     *
     * @return completes when the first handshake succeeds; completes exceptionally with a
     *         {@link ComponentConnectionException} if the connection stops before that. Lost connections
     *         before the first success are retried, so combine it with a timeout if needed.
     * @throws IllegalStateException if called twice
     */
    public CompletionStage<Void> start() {
        synchronized (lock) {
            if (phase != Phase.NEW) {
                throw new IllegalStateException("start() was already called");
            }
            phase = Phase.CONNECTING;
            LOG.info("connecting component {} to XMPP server {}", config.domain(), address());
        }
        scheduler.execute(this::attemptConnection);
        return started.copy();
    }

    /**
     * Sends a stanza. While (re)connecting, stanzas wait in the outgoing queue and are written in order
     * once the handshake succeeds. A stanza already handed to a connection that is then lost is not
     * resent (the component protocol has no acknowledgements). It does not block, except while online
     * with the outgoing queue full: then the sender waits (at most {@link #FULL_QUEUE_WAIT}) for the
     * writes on their way to complete, so that a burst slows its senders down instead of being dropped.
     * The connection's I/O thread never waits.
     *
     * @param stanza the stanza; its {@code from} must be the component's domain or a JID in it
     * @return false if it was not accepted: not started or stopped, the outgoing queue is full
     *         ({@link ComponentConfig#maxOutgoingQueue()}) while not online or for longer than the wait,
     *         or it is larger than {@link ComponentConfig#maxStanzaBytes()}
     */
    public boolean send(Stanza stanza) {
        Objects.requireNonNull(stanza, "stanza");
        String xml = StanzaCodec.serialize(stanza);
        int bytes = StreamXml.utf8Length(xml);
        if (bytes > config.maxStanzaBytes()) {
            LOG.warn("not sending {} id={} to {}: {} bytes exceed the limit of {} bytes",
                    stanza.getClass().getSimpleName(), stanza.getStanzaId(), stanza.getTo(), bytes,
                    config.maxStanzaBytes());
            return false;
        }
        long deadline = 0;
        IoSession target;
        while (true) {
            synchronized (lock) {
                if (phase == Phase.NEW || phase == Phase.STOPPED) {
                    return false;
                }
                if (room.tryTake()) {
                    queueFullReported = false;
                    if (phase != Phase.ONLINE) {
                        pending.add(xml);
                        return true;
                    }
                    target = session;
                    break;
                }
                if (phase != Phase.ONLINE || Thread.currentThread() == ioThread
                        || (deadline != 0 && System.nanoTime() - deadline >= 0)) {
                    if (!queueFullReported) {
                        queueFullReported = true;
                        LOG.warn("outgoing queue full ({} stanzas, phase {}): dropping stanzas until it drains",
                                room.taken(), phase);
                    }
                    return false;
                }
                if (deadline == 0) {
                    deadline = System.nanoTime() + FULL_QUEUE_WAIT.toNanos();
                }
            }
            // Online and full: the server reads more slowly than we write. Wait for the writes on their
            // way to complete (back-pressure on the sender) rather than drop the stanza.
            try {
                room.awaitPlace(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        // Outside the lock: MINA encodes and queues on the caller's thread and wakes the I/O thread,
        // which under load made every sender wait for the one holding the lock. Order is kept per
        // sending thread, and the queue held while connecting was flushed under the lock before the
        // phase became ONLINE.
        write(target, xml);
        return true;
    }

    /**
     * The MINA session of the stream now open, for benchmarks that drive its filter chain without the
     * socket (the bench module's message-path benchmark).
     *
     * @return the current session, empty while not connected
     */
    public Optional<IoSession> ioSession() {
        synchronized (lock) {
            return Optional.ofNullable(session);
        }
    }

    /** @return stanzas accepted by {@link #send} and not yet written out (the outgoing queue's depth) */
    public int outgoingQueueSize() {
        return room.taken();
    }

    /**
     * Closes the stream ({@code </stream:stream>}) and the connection, stops reconnecting, and releases
     * what the connection owns. Stanzas still queued are dropped. Idempotent.
     *
     * @return completes once the socket is closed and owned threads are shut down
     */
    public CompletionStage<Void> stop() {
        synchronized (lock) {
            if (phase != Phase.STOPPED) {
                enterStopped(false, "stopped on request");
                IoSession current = session;
                if (current != null) {
                    current.write(StreamXml.STREAM_END);
                    current.closeOnFlush();
                    timer = scheduler.schedule(() -> current.closeNow(), config.connectTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
                } else if (connecting == null) {
                    releaseResources();
                }
                // else connectCompleted releases once the attempt in flight has settled.
            }
        }
        return stopped.copy();
    }

    /**
     * Drops the connection as a crash would, for fault tests: no stream end, no reconnect; stanzas
     * still queued are dropped. After {@link #stop()}, drops a socket still waiting for the server to
     * close its end. Idempotent.
     */
    public void abort() {
        synchronized (lock) {
            if (phase != Phase.STOPPED) {
                enterStopped(false, "aborted");
                if (session != null) {
                    session.closeNow();
                } else if (connecting == null) {
                    releaseResources();
                }
            } else if (session != null) {
                session.closeNow();
            }
        }
    }

    /** {@link #stop()}, waiting up to twice the connect timeout for it to finish. */
    @Override
    public void close() {
        try {
            stop().toCompletableFuture().get(config.connectTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("component connection did not shut down cleanly: {}", e.toString());
        }
    }

    // ---- connection attempts (scheduler thread) ----

    private void attemptConnection() {
        int id;
        synchronized (lock) {
            if (phase == Phase.STOPPED) {
                return;
            }
            phase = Phase.CONNECTING;
            attempt++;
            id = ++connectionId;
            closeCause = null;
            publish(new ComponentState.Connecting(attempt));
        }
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        ConnectFuture future;
        synchronized (lock) {
            if (phase != Phase.CONNECTING || id != connectionId) {
                return;
            }
            if (address.isUnresolved()) {
                scheduleReconnect("cannot resolve the XMPP server's host name '" + config.host() + "'");
                return;
            }
            future = connector.connect(address, (newSession, f) -> newSession.setAttribute(CONNECTION_ID, id));
            connecting = future;
            timer = scheduler.schedule(() -> timedOut(id), config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        future.addListener(f -> connectCompleted((ConnectFuture) f));
    }

    private void connectCompleted(ConnectFuture future) {
        synchronized (lock) {
            if (future != connecting) {
                return; // timed out and cancelled
            }
            connecting = null;
            if (phase == Phase.STOPPED) {
                // stop() came while connecting: release only once this attempt has settled.
                if (future.isConnected()) {
                    future.getSession().closeNow().addListener(f -> releaseResources());
                } else {
                    releaseResources();
                }
            } else if (future.isConnected()) {
                session = future.getSession(); // carries on in sessionOpened
            } else {
                scheduleReconnect("cannot connect to " + address() + ": " + describe(future.getException()));
            }
        }
    }

    private void timedOut(int id) {
        synchronized (lock) {
            if (phase != Phase.CONNECTING || id != connectionId) {
                return;
            }
            String cause = "no accepted handshake within " + config.connectTimeout().toMillis() + " ms";
            if (session != null) {
                closeCause = cause;
                session.closeNow();
                return;
            }
            ConnectFuture future = connecting;
            connecting = null;
            scheduleReconnect(cause);
            if (future != null) {
                future.cancel();
            }
        }
    }

    private void scheduleReconnect(String cause) {
        cancelTimer();
        phase = Phase.WAITING;
        Duration delay = backoff.next();
        LOG.warn("component {}: {}; reconnecting in {} ms", config.domain(), cause, delay.toMillis());
        publish(new ComponentState.Reconnecting(delay, cause));
        timer = scheduler.schedule(this::attemptConnection, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- stream events (MINA I/O thread, via ComponentStreamHandler) ----

    void sessionOpened(IoSession newSession) {
        ioThread = Thread.currentThread();
        synchronized (lock) {
            if (session == null && phase == Phase.CONNECTING
                    && Objects.equals(newSession.getAttribute(CONNECTION_ID), connectionId)) {
                // MINA completes the connect future only after sessionOpened.
                session = newSession;
                connecting = null;
            }
            if (newSession != session || phase != Phase.CONNECTING) {
                newSession.closeNow();
                return;
            }
            newSession.getConfig().setWriterIdleTime(keepaliveSeconds());
            newSession.write(StreamXml.streamHeader(config.domain().toString()));
        }
    }

    void streamOpened(IoSession from, StreamEvent.Opened header) {
        synchronized (lock) {
            if (from != session || phase != Phase.CONNECTING) {
                return;
            }
            if (header.id().isEmpty()) {
                // Prosody sends an id-less header right before a host-unknown stream error.
                LOG.debug("stream header without id from {}; expecting a stream error", address());
                return;
            }
            streamId = header.id();
            from.write(StreamXml.handshake(header.id(), config.secret()));
        }
    }

    void handshakeAccepted(IoSession from) {
        synchronized (lock) {
            if (from != session || phase != Phase.CONNECTING || streamId == null) {
                return;
            }
            phase = Phase.ONLINE;
            cancelTimer();
            backoff.reset();
            attempt = 0;
            LOG.info("component {} is online at {} (stream {})", config.domain(), address(), streamId);
            publish(new ComponentState.Online(streamId));
            while (!pending.isEmpty()) {
                write(from, pending.poll());
            }
            events.execute(() -> started.complete(null));
        }
    }

    void elementReceived(IoSession from, StreamEvent.Element element) {
        synchronized (lock) {
            if (from != session || phase != Phase.ONLINE) {
                LOG.warn("ignoring <{}> from {}: the handshake has not succeeded", element.name(), address());
                return;
            }
        }
        if (!element.isStanza()) {
            LOG.debug("ignoring top-level element <{}> in namespace '{}'", element.name(), element.namespace());
            return;
        }
        backlog.received(from);
        events.execute(() -> {
            try {
                deliver(element);
            } finally {
                backlog.delivered(from);
            }
        });
    }

    void elementRejected(IoSession from, StreamEvent.Rejected rejected) {
        synchronized (lock) {
            if (from != session || phase != Phase.ONLINE) {
                return;
            }
        }
        backlog.received(from);
        events.execute(() -> {
            try {
                refusals.rejected(rejected);
            } finally {
                backlog.delivered(from);
            }
        });
    }

    void streamErrorReceived(IoSession from, StreamEvent.ErrorReceived error) {
        synchronized (lock) {
            if (from != session || phase == Phase.STOPPED) {
                return;
            }
            String description = error.condition() + (error.text().isEmpty() ? "" : " (" + error.text() + ")");
            LOG.warn("stream error from XMPP server {}: {}", address(), description);
            Optional<FatalCondition> fatal = FatalCondition.of(error.condition());
            if (fatal.isPresent()) {
                stopFatally(fatal.get().advice(config));
                return;
            }
            closeCause = "stream error " + description;
            from.closeNow();
        }
    }

    void streamClosedByServer(IoSession from) {
        synchronized (lock) {
            if (from != session) {
                return;
            }
            if (closeCause == null) {
                closeCause = "the server closed the stream";
            }
            from.write(StreamXml.STREAM_END);
            from.closeOnFlush();
        }
    }

    void writerIdle(IoSession from) {
        synchronized (lock) {
            if (from == session && phase == Phase.ONLINE) {
                from.write(StreamXml.KEEPALIVE);
            }
        }
    }

    void decodeFailed(IoSession from, XmlStreamException e) {
        synchronized (lock) {
            if (from != session) {
                from.closeNow();
                return;
            }
            LOG.warn("closing the stream to {} with {}: {}", address(), e.condition(), e.getMessage());
            closeCause = e.getMessage();
            from.write(StreamXml.streamError(e.condition(), e.getMessage()));
            from.closeOnFlush();
        }
    }

    void connectionFailed(IoSession from, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("I/O error on the connection to {}", address(), cause);
        } else {
            LOG.error("unexpected error on the connection to {}", address(), cause);
        }
        synchronized (lock) {
            if (from == session && closeCause == null) {
                closeCause = describe(cause);
            }
        }
        from.closeNow();
    }

    void sessionClosed(IoSession closed) {
        synchronized (lock) {
            if (closed != session) {
                return;
            }
            session = null;
            streamId = null;
            if (phase == Phase.STOPPED) {
                releaseResources();
                return;
            }
            scheduleReconnect(closeCause != null ? closeCause : "the server closed the connection");
        }
    }

    // ---- helpers ----

    private void deliver(StreamEvent.Element element) {
        ContainedStanzaParser.Result result = parser.parse(element.xml());
        if (result instanceof ContainedStanzaParser.Failed failed) {
            refusals.unparseable(element.envelope(), failed);
            return;
        }
        Stanza stanza = ((ContainedStanzaParser.Parsed) result).stanza();
        for (IncomingStanzaListener listener : stanzaListeners) {
            try {
                listener.stanzaReceived(stanza);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.error("stanza listener failed on {} id={}", element.name(), stanza.getStanzaId(), e);
            }
        }
    }

    /** Writes a stanza through the session's {@link StanzaOutbox}, which coalesces writes under load. */
    private void write(IoSession target, String xml) {
        StanzaOutbox box = (StanzaOutbox) target.getAttribute(OUTBOX);
        if (box == null) {
            box = new StanzaOutbox(target::write, room::giveBack);
            StanzaOutbox raced = (StanzaOutbox) target.setAttributeIfAbsent(OUTBOX, box);
            if (raced != null) {
                box = raced;
            }
        }
        box.send(xml);
    }

    private void stopFatally(String reason) {
        LOG.error("component connection stopped: {}", reason);
        enterStopped(true, reason);
        if (session != null) {
            session.closeNow();
        } else {
            releaseResources();
        }
    }

    private void enterStopped(boolean fatal, String reason) {
        phase = Phase.STOPPED;
        cancelTimer();
        if (!pending.isEmpty()) {
            LOG.warn("dropping {} queued outgoing stanzas", pending.size());
            room.giveBack(pending.size());
            pending.clear();
        }
        publish(new ComponentState.Stopped(fatal, reason));
        ComponentConnectionException failure = new ComponentConnectionException(
                fatal ? reason : "the component connection was stopped before it was online", fatal);
        events.execute(() -> started.completeExceptionally(failure));
    }

    private void releaseResources() {
        synchronized (lock) {
            if (released) {
                return;
            }
            released = true;
            cancelTimer();
        }
        scheduler.execute(() -> {
            if (ownsConnector) {
                connector.dispose(true);
            }
            events.execute(() -> stopped.complete(null));
            if (ownedEventThread != null) {
                ownedEventThread.shutdown();
            }
            if (ownsScheduler) {
                scheduler.shutdown();
            }
        });
    }

    private void publish(ComponentState newState) {
        state = newState;
        events.execute(() -> {
            for (ComponentStateListener listener : stateListeners) {
                listener.stateChanged(newState);
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private int keepaliveSeconds() {
        long seconds = (config.keepaliveInterval().toMillis() + 999) / 1000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    private String address() {
        return config.host() + ":" + config.port();
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void configure(NioSocketConnector target) {
        target.getFilterChain().addLast("xmpp-stream", new ProtocolCodecFilter(
                new ComponentCodecFactory(config.maxStanzaBytes())));
        target.setHandler(new ComponentStreamHandler(this));
        target.setConnectTimeoutMillis(config.connectTimeout().toMillis());
        target.getSessionConfig().setTcpNoDelay(true);
        target.getSessionConfig().setKeepAlive(true);
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemonThreads("xmpp-component-timer"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Counts stanzas handed to the event executor and not yet delivered; pauses reading from the
     * socket at the bound and resumes at half of it, so a slow listener cannot make memory grow.
     */
    private static final class IncomingBacklog {
        private final int max;
        private int size;

        IncomingBacklog(int max) {
            this.max = max;
        }

        synchronized void received(IoSession from) {
            size++;
            if (size >= max && !from.isReadSuspended()) {
                LOG.debug("{} incoming stanzas waiting for the listener; pausing reads", size);
                from.suspendRead();
            }
        }

        synchronized void delivered(IoSession from) {
            size--;
            if (size <= max / 2 && from.isReadSuspended()) {
                from.resumeRead();
                // The new interest set only takes effect when the I/O thread's select() returns, which
                // can take a second; a write wakes it up, and whitespace is valid between elements.
                from.write(StreamXml.KEEPALIVE);
            }
        }
    }

    /** Builds a {@link ComponentConnection}. */
    public static final class Builder {
        private final ComponentConfig config;
        private NioSocketConnector connector;
        private ScheduledExecutorService scheduler;
        private Executor eventExecutor;
        private RandomGenerator random = RandomGenerator.getDefault();
        private ContainedStanzaParser.Parser parser = StanzaCodec::parse;
        private final List<IncomingStanzaListener> stanzaListeners = new ArrayList<>();
        private final List<ComponentStateListener> stateListeners = new ArrayList<>();

        private Builder(ComponentConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Uses a connector created by the caller (e.g. on a shared {@code IoProcessor} pool) instead of
         * an owned one. It must be new: the connection sets its handler and codec, since MINA has one
         * handler per connector. It is not disposed by {@link #stop()}.
         *
         * @param dedicatedConnector an unused connector
         * @return this builder
         */
        public Builder connector(NioSocketConnector dedicatedConnector) {
            this.connector = Objects.requireNonNull(dedicatedConnector, "connector");
            return this;
        }

        /**
         * @param sharedScheduler runs reconnect and timeout timers; not shut down by {@link #stop()}
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService sharedScheduler) {
            this.scheduler = Objects.requireNonNull(sharedScheduler, "scheduler");
            return this;
        }

        /**
         * @param executor runs the listeners (one task at a time, in order, even on a pool); not shut down
         * @return this builder
         */
        public Builder eventExecutor(Executor executor) {
            this.eventExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** @param listener receives incoming stanzas @return this builder */
        public Builder onStanza(IncomingStanzaListener listener) {
            stanzaListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @param listener is told about state changes @return this builder */
        public Builder onStateChange(ComponentStateListener listener) {
            stateListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @param jitter source of the reconnect jitter (tests pass a seeded one) @return this builder */
        Builder random(RandomGenerator jitter) {
            this.random = Objects.requireNonNull(jitter, "random");
            return this;
        }

        /** @param stanzaParser parses incoming elements (tests pass one that fails) @return this builder */
        Builder parser(ContainedStanzaParser.Parser stanzaParser) {
            this.parser = Objects.requireNonNull(stanzaParser, "parser");
            return this;
        }

        /**
         * @return the connection, not yet started
         * @throws IllegalArgumentException if the given connector is already in use
         */
        public ComponentConnection build() {
            if (connector != null && (connector.getHandler() != null || connector.isActive() || connector.isDisposed())) {
                throw new IllegalArgumentException("the connector must be new and dedicated to this component"
                        + " connection: it gets its own handler and codec");
            }
            return new ComponentConnection(this);
        }
    }
}
