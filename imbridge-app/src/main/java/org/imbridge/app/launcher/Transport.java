package org.imbridge.app.launcher;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.imbridge.core.cluster.Membership;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.logging.LogContext;
import org.imbridge.xmpp.admin.AdminCommands;
import org.imbridge.xmpp.gateway.Gateway;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.presence.RegisteredUserProbes;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.imbridge.xmpp.metrics.MeteredNetwork;
import org.imbridge.xmpp.metrics.MetricsServer;
import org.imbridge.xmpp.metrics.TransportMetrics;
import org.imbridge.xmpp.stream.ComponentConnection;
import org.imbridge.xmpp.stream.ComponentState;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running transport: the component connection, the gateway behind it, the admin commands and
 * limits in front of it, the legacy network's sessions, metrics, and the threads they share.
 * {@link #close()} logs every user out of the legacy network, tells their XMPP clients, and closes
 * the stream.
 *
 * <p>Each stanza from a user is handled with the user's bare JID in the logging context (MDC key
 * {@value MeteredNetwork#MDC_USER}); the worker threads and the timer carry it into the work done
 * later for that stanza, and {@link MeteredNetwork} into the network's events.
 */
public final class Transport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final Duration CONFIG_CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Duration LOGOUT = Duration.ofSeconds(10);
    private static final Duration STREAM_CLOSE = Duration.ofSeconds(5);
    private static final Duration WORKERS_STOP = Duration.ofSeconds(3);
    /** How long a stopping instance waits for the other instances to take its users over. */
    private static final Duration HANDOVER = Duration.ofSeconds(15);
    /** How long a starting instance waits for another to free a balancing slot. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(15);
    /**
     * The longest {@link #close()} waits in all (hand-over, logout, stream end, workers), plus a margin
     * for the legacy network and the store; {@code TimeoutStopSec} in the systemd unit is set above it.
     */
    public static final Duration CLOSE_BOUND = HANDOVER.plus(LOGOUT).plus(STREAM_CLOSE).plus(WORKERS_STOP)
            .plus(Duration.ofSeconds(2));

    private final TransportSettings settings;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final TransportMetrics metrics;
    private final Gateway gateway;
    private final AdminCommands admin;
    private final InboundGate gate;
    private final TransportControls control;
    private final ComponentConnection connection;
    private final RegisteredUserProbes probes;
    private final ExtraStreams extraStreams;
    private MetricsServer metricsServer;

    private Transport(TransportSettings settings, Consumer<ComponentState.Stopped> onStopped) {
        this.settings = settings;
        this.workers = MdcExecutors.fixed(settings.workers(), named("imbridge-worker"));
        this.scheduler = MdcExecutors.scheduler(named("imbridge-timer"));
        String instance = settings.cluster().options().ownership().instance();
        this.metrics = new TransportMetrics(settings.network().id(), instance);
        DomainBareJid domain = JidCreate.domainBareFromOrThrowUnchecked(settings.component().domain());
        JidMapping jids = new JidMapping(domain);
        ComponentConnection[] holder = new ComponentConnection[1];
        boolean[] wasOnline = {false};
        StanzaSink sink = stanza -> send(holder[0], stanza);
        this.extraStreams = new ExtraStreams(() -> ComponentConnection.builder(settings.component())
                .eventExecutor(Runnable::run).onStanza(this::accept), this::beatNow);
        this.gateway = new Gateway(jids, new MeteredNetwork(settings.network(), metrics), settings.store(), sink,
                settings.allowlist(), workers, scheduler, settings.policy(),
                settings.cluster().options().withStreams(extraStreams), settings.files(), metrics.files());
        this.control = new TransportControls(domain, gateway.sessions(), gateway.removals(), settings.store(), sink,
                metrics, settings.reload());
        Instant started = Instant.now();
        this.admin = new AdminCommands(domain, settings.admins(), control, sink, workers, gateway.settingsCommand(),
                instance, () -> gateway.cluster().current().orElseGet(() -> new Membership(List.of(
                        new Membership.Member(instance, started, gateway.sessions().activeUsers().size())))));
        this.probes = new RegisteredUserProbes(settings.store(), settings.network().id(), jids, sink, workers,
                (nanos, task) -> scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS),
                () -> settings.limits().get().startupProbesPerSecond(), System::nanoTime,
                user -> gateway.sessions().user(user).isPresent());
        this.gate = new InboundGate(domain, settings.limits(), settings.store(), settings.network().id(), sink, workers,
                System::nanoTime);
        this.connection = ComponentConnection.builder(settings.component())
                // Stanzas are handled on the stream's I/O thread: everything behind accept() hands
                // blocking work (store look-ups, logins) to the workers, and a hop less per stanza
                // is what the transport's latency and CPU per message are made of.
                .eventExecutor(Runnable::run)
                .onStanza(this::accept)
                .onStateChange(state -> {
                    LOG.info("component {}: {}", settings.component().domain(), state);
                    if (state instanceof ComponentState.Reconnecting) {
                        metrics.error("xmpp_connection_lost");
                    }
                    if (state instanceof ComponentState.Online) {
                        gateway.streamOnline();
                        if (wasOnline[0]) {
                            gateway.reannounce();
                        }
                        wasOnline[0] = true;
                        // every registered user, so that those online come back after a restart
                        probes.start();
                    } else if (state instanceof ComponentState.Stopped stopped) {
                        onStopped.accept(stopped);
                    }
                })
                .build();
        holder[0] = connection;
        metrics.onlineUsers(control::onlineCount);
        metrics.queue("workers", () -> workers.getQueue().size());
        metrics.queue("xmpp_outgoing", connection::outgoingQueueSize);
    }

    /**
     * Starts a transport; the stage completes when the component is connected. {@code onStopped} hears
     * when the connection stops for good (a fatal stream error, or {@link #close()}). Cancelling the
     * stage (a caller that gave up waiting) stops connecting and closes what was opened.
     */
    public static CompletionStage<Transport> start(TransportSettings settings, Consumer<ComponentState.Stopped> onStopped) {
        Transport transport = new Transport(settings, onStopped);
        try {
            transport.startServices();
        } catch (IOException e) {
            transport.close();
            return CompletableFuture.failedFuture(e);
        }
        transport.awaitFreeSlot();
        // A refused handshake fails start() on the stream's I/O thread (listeners run there); close()
        // waits for that same thread to close the socket, so it runs on a thread of its own.
        CompletableFuture<Transport> started = transport.connection.start().toCompletableFuture().handleAsync((v, e) -> {
            if (e != null) {
                transport.close();
                throw e instanceof CompletionException c ? c : new CompletionException(e);
            }
            return transport;
        }, Transport::onOwnThread);
        started.whenComplete((t, e) -> {
            if (e instanceof CancellationException) {
                transport.connection.stop(); // and the failed start closes the rest, as above
            }
        });
        return started;
    }

    private static void onOwnThread(Runnable task) {
        Thread thread = new Thread(task, "imbridge-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void startServices() throws IOException {
        if (settings.metricsAddress() != null) {
            metricsServer = MetricsServer.start(settings.metricsAddress(), metrics::scrape);
        }
        settings.reload().watch(scheduler, CONFIG_CHECK_INTERVAL);
        scheduler.scheduleWithFixedDelay(this::refreshGauges, 0, 30, TimeUnit.SECONDS);
        followRemovals();
        joinCluster();
    }

    /**
     * With several instances on a balanced domain, every slot may be held already (by extra streams of
     * instances that filled in for missing ones): ask the instance with the most streams to give one
     * up, and wait (up to {@link #SLOT_WAIT}) until it did, so that this instance's stream gets a slot.
     */
    private void awaitFreeSlot() {
        ClusterSettings cluster = settings.cluster();
        int slots = cluster.options().slots();
        if (slots <= 1) {
            return;
        }
        SessionOwnership ownership = cluster.options().ownership();
        String network = settings.network().id();
        long deadline = System.nanoTime() + SLOT_WAIT.toNanos();
        try {
            Membership m = ownership.heartbeat(network, 1);
            if (m.streams() <= slots) {
                return;
            }
            m.instances().stream().filter(i -> !i.name().equals(ownership.instance()) && i.streams() > 1)
                    .max(Comparator.comparingInt(Membership.Member::streams))
                    .ifPresent(holder -> {
                        LOG.info("every component slot is held; asking instance {} to give up an extra stream",
                                holder.name());
                        ownership.requestStream(holder.name());
                    });
            while (ownership.heartbeat(network, 1).streams() > slots && System.nanoTime() - deadline < 0) {
                Thread.sleep(200);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot look at the other instances' streams: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims this instance held in an earlier life (it crashed) are dropped: it has no sessions yet,
     * and the start-up probes bring its users back wherever the server routes them. Then the heartbeat.
     */
    private void joinCluster() {
        SessionOwnership ownership = settings.cluster().options().ownership();
        String network = settings.network().id();
        try {
            ownership.claimedBy(ownership.instance(), network).forEach(user -> ownership.release(user, network));
        } catch (RuntimeException e) {
            LOG.warn("cannot drop the claims of this instance's previous run: {}", e.toString());
        }
        long every = settings.cluster().heartbeat().toMillis();
        // A peer's death is heard at once: its users' slot is filled and they are asked for without
        // waiting for the next heartbeat (README, "Running several instances").
        ownership.onPeerGone(this::beatNow);
        scheduler.scheduleWithFixedDelay(this::beatNow, 0, every, TimeUnit.MILLISECONDS);
    }

    private void beatNow() {
        try {
            workers.execute(() -> {
                gateway.cluster().beat();
                gateway.cluster().current().ifPresent(metrics::deployment);
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Removals made by another process (users remove, another instance), read from the store's log. */
    private void followRemovals() {
        try {
            gateway.removalLog().start();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the registration removal log; trying again at the next poll: {}", e.getMessage());
        }
        long every = settings.removalPoll().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                workers.execute(gateway.removalLog()::poll);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void refreshGauges() {
        gate.sweep();
        workers.execute(() -> {
            try {
                control.registeredUsers();
            } catch (RuntimeException e) {
                LOG.debug("cannot count registered users: {}", e.toString());
            }
        });
    }

    /** Every stanza the server routes to us: admin commands, then limits, then the gateway. */
    private void accept(Stanza stanza) {
        boolean named = stanza.getFrom() != null && stanza.getFrom().hasLocalpart();
        String user = named ? stanza.getFrom().asBareJid().toString() : null;
        LogContext.of(MeteredNetwork.MDC_USER, user).run(() -> {
            if (!admin.accept(stanza)) {
                gate.admit(stanza, gateway::accept);
            }
        });
    }

    private boolean send(ComponentConnection connection, Stanza stanza) {
        boolean queued = connection.send(stanza);
        if (!queued) {
            metrics.error("xmpp_not_sent");
        } else if (stanza.getError() != null && (stanza instanceof Message || stanza instanceof IQ)) {
            metrics.error("xmpp_" + stanza.getError().getCondition().name());
        }
        return queued;
    }

    public Gateway gateway() {
        return gateway;
    }

    public ComponentConnection connection() {
        return connection;
    }

    /** The transport's meters (also served in Prometheus format when {@code metrics.port} is set). */
    public TransportMetrics metrics() {
        return metrics;
    }

    /** Where the Prometheus endpoint listens, or null when it is off. */
    public java.net.InetSocketAddress metricsAddress() {
        return metricsServer == null ? null : metricsServer.address();
    }

    /**
     * Stops as a crash would, for fault tests: the component socket is dropped without a stream end,
     * the threads stop, and nobody is told (no unavailable presences, no legacy logout); the store and
     * the legacy network are left as they are, for the caller to abort the network's connections and
     * to start a new transport on the same store.
     */
    public void halt() {
        probes.close();
        settings.reload().close();
        extraStreams.abortAll();
        connection.abort();
        scheduler.shutdownNow();
        workers.shutdownNow();
        if (metricsServer != null) {
            metricsServer.close();
        }
    }

    /**
     * Logs every user out (up to 10 s), ends the stream (up to 5 s, then drops the socket) and stops
     * the threads: returns within about {@link #CLOSE_BOUND}. Never call it from a connection
     * listener: those run on the stream's I/O thread, which ending the stream needs.
     */
    @Override
    public void close() {
        probes.close();
        settings.reload().close();
        gateway.cluster().stop(); // before the streams close: no extra stream may open again
        boolean streamClosed = false;
        if (gateway.cluster().othersLive()) {
            handOverToOthers();
            streamClosed = true;
        }
        try {
            gateway.sessions().shutdown("The transport is shutting down").toCompletableFuture()
                    .get(LOGOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("not every user could be logged out cleanly: {}", e.toString());
        }
        if (!streamClosed) {
            closeStream();
        }
        settings.cluster().options().ownership().close();
        if (metricsServer != null) {
            metricsServer.close();
        }
        settings.network().close();
        if (settings.files().share() != null) {
            settings.files().share().close(); // deletes what it served
        }
        workers.shutdown();
        scheduler.shutdownNow();
        try {
            workers.awaitTermination(WORKERS_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settings.store().close();
    }

    private void closeStream() {
        extraStreams.closeAll();
        try {
            connection.stop().toCompletableFuture().get(STREAM_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("the component stream did not close within {} s; dropping it: {}", STREAM_CLOSE.toSeconds(),
                    e.toString());
            connection.abort();
        }
    }

    /**
     * Other instances are live: end the stream first (the XMPP server then routes this instance's users
     * to them), leave the deployment (the others notice at their next heartbeat and ask for the users'
     * presence), and wait until they have taken the users over. Nobody is told anything: the users'
     * sessions move without their contacts going offline. Whoever is left after {@link #HANDOVER} is
     * logged out as usual (the stream is gone, so only the legacy network hears it).
     */
    private void handOverToOthers() {
        SessionOwnership ownership = settings.cluster().options().ownership();
        int users = gateway.sessions().activeUsers().size();
        LOG.info("stopping with other instances live: handing {} users over", users);
        closeStream();
        try {
            ownership.leave();
        } catch (RuntimeException e) {
            LOG.warn("cannot leave the deployment cleanly; the others take over when the lease runs out: {}",
                    e.toString());
        }
        long deadline = System.nanoTime() + HANDOVER.toNanos();
        while (!gateway.sessions().activeUsers().isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = gateway.sessions().activeUsers().size();
        LOG.info("{} of {} users taken over by other instances{}", users - left, users,
                left == 0 ? "" : "; logging out the others");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
