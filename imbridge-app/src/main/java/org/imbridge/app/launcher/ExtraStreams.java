package org.imbridge.app.launcher;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import org.imbridge.xmpp.gateway.cluster.ComponentStreams;
import org.imbridge.xmpp.stream.ComponentConnection;
import org.imbridge.xmpp.stream.ComponentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's own component stream plus the extra ones it opens to hold the balancing slots of
 * instances that are gone (README, "Running several instances"). Extras only receive: what arrives on
 * them goes to the same place as on the own stream, and everything the transport sends leaves on its
 * own stream.
 */
final class ExtraStreams implements ComponentStreams {

    private static final Logger LOG = LoggerFactory.getLogger(ExtraStreams.class);

    private final Supplier<ComponentConnection.Builder> builder;
    private final Runnable online;
    private final Deque<ComponentConnection> extras = new ConcurrentLinkedDeque<>();
    private final java.util.Set<ComponentConnection> starting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param builder a builder for one more stream like the transport's own, stanzas going where its go
     * @param online  run when an extra stream is up (the next step need not wait for a heartbeat)
     */
    ExtraStreams(Supplier<ComponentConnection.Builder> builder, Runnable online) {
        this.builder = builder;
        this.online = online;
    }

    @Override
    public int count() {
        return 1 + extras.size();
    }

    @Override
    public boolean opening() {
        return !starting.isEmpty();
    }

    @Override
    public void openExtra() {
        ComponentConnection[] self = new ComponentConnection[1];
        ComponentConnection extra = builder.get().onStateChange(state -> {
            LOG.info("extra component stream: {}", state);
            if (state instanceof ComponentState.Stopped) {
                extras.remove(self[0]);
                starting.remove(self[0]);
            } else if (state instanceof ComponentState.Online) {
                starting.remove(self[0]);
                online.run();
            }
        }).build();
        self[0] = extra;
        starting.add(extra);
        extras.add(extra);
        extra.start().whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("an extra component stream could not start: {}", e.getMessage());
                extras.remove(extra);
                starting.remove(extra);
            }
        });
    }

    @Override
    public boolean closeExtra() {
        ComponentConnection extra = extras.pollLast();
        if (extra == null) {
            return false;
        }
        extra.stop();
        return true;
    }

    /** Closes every extra stream. */
    void closeAll() {
        while (closeExtra()) {
            // each one stops on its own I/O thread
        }
    }

    /** Drops every extra stream without a stream end (a crash, for tests). */
    void abortAll() {
        ComponentConnection extra;
        while ((extra = extras.pollLast()) != null) {
            extra.abort();
        }
    }
}
