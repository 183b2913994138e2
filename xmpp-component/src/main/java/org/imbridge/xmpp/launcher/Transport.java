package org.imbridge.xmpp.launcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.imbridge.xmpp.gateway.Gateway;
import org.imbridge.xmpp.gateway.JidMapping;
import org.imbridge.xmpp.stream.ComponentConnection;
import org.imbridge.xmpp.stream.ComponentState;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running transport: the component connection, the gateway behind it, the legacy network's
 * sessions, and the threads they share. {@link #close()} logs every user out of the legacy network,
 * tells their XMPP clients, and closes the stream.
 */
public final class Transport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final TransportSettings settings;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Gateway gateway;
    private final ComponentConnection connection;

    private Transport(TransportSettings settings, Consumer<ComponentState.Stopped> onStopped) {
        this.settings = settings;
        this.workers = Executors.newFixedThreadPool(settings.workers(), named("imbridge-worker"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("imbridge-timer"));
        JidMapping jids = new JidMapping(JidCreate.domainBareFromOrThrowUnchecked(settings.component().domain()));
        ComponentConnection[] holder = new ComponentConnection[1];
        boolean[] wasOnline = {false};
        this.gateway = new Gateway(jids, settings.network(), settings.store(), stanza -> holder[0].send(stanza),
                settings.allowlist(), settings.maxBodyBytes(), workers, scheduler, settings.policy());
        this.connection = ComponentConnection.builder(settings.component())
                .onStanza(gateway::accept)
                .onStateChange(state -> {
                    LOG.info("component {}: {}", settings.component().domain(), state);
                    if (state instanceof ComponentState.Online) {
                        gateway.streamOnline();
                        if (wasOnline[0]) {
                            gateway.reannounce();
                        }
                        wasOnline[0] = true;
                    } else if (state instanceof ComponentState.Stopped stopped) {
                        onStopped.accept(stopped);
                    }
                })
                .build();
        holder[0] = connection;
    }

    /**
     * Starts a transport; the stage completes when the component is connected. {@code onStopped} hears
     * when the connection stops for good (a fatal stream error, or {@link #close()}).
     */
    public static CompletionStage<Transport> start(TransportSettings settings, Consumer<ComponentState.Stopped> onStopped) {
        Transport transport = new Transport(settings, onStopped);
        return transport.connection.start().thenApply(v -> transport).whenComplete((t, e) -> {
            if (e != null) {
                transport.close();
            }
        });
    }

    public Gateway gateway() {
        return gateway;
    }

    public ComponentConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            gateway.sessions().shutdown("The transport is shutting down").toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("not every user could be logged out cleanly: {}", e.toString());
        }
        try {
            connection.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("the component stream did not close cleanly: {}", e.toString());
        }
        connection.close();
        settings.network().close();
        workers.shutdown();
        scheduler.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settings.store().close();
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
