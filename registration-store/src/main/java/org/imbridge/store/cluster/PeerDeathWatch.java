package org.imbridge.store.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the moment another instance's process dies, instead of at the next heartbeat: for each live
 * peer, a thread with a connection of its own waits for a shared hold on the peer's advisory lock,
 * which PostgreSQL grants as soon as the peer's lock goes (its connection closed: the process died or
 * it left). The hold is let go at once, so that a peer restarting under the same name finds its lock
 * free, and the listener is told.
 *
 * <p>A peer whose machine vanished keeps its lock until the server notices the dead connection; the
 * heartbeat lease covers that case. One connection per watched peer: a deployment has a few instances.
 */
final class PeerDeathWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerDeathWatch.class);

    private final PostgresSessionOwnership.Connector connector;
    private final Map<String, Watcher> watchers = new HashMap<>();
    private volatile Runnable listener = () -> { };
    private boolean closed;

    PeerDeathWatch(PostgresSessionOwnership.Connector connector) {
        this.connector = connector;
    }

    void onGone(Runnable gone) {
        this.listener = gone;
    }

    /** Watches exactly these peers (name → lock key): starts watchers for new ones, stops the others'. */
    synchronized void watch(Map<String, Long> peers) {
        if (closed) {
            return;
        }
        watchers.entrySet().removeIf(e -> {
            Watcher w = e.getValue();
            if (!peers.containsKey(e.getKey()) || w.ended) {
                w.stop();
                return true;
            }
            return false;
        });
        peers.forEach((name, key) -> watchers.computeIfAbsent(name, n -> new Watcher(n, key)).start());
    }

    /** @return the peers watched now */
    synchronized Set<String> watched() {
        return Set.copyOf(watchers.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        watchers.values().forEach(Watcher::stop);
        watchers.clear();
    }

    private final class Watcher implements Runnable {
        private final String peer;
        private final long key;
        private final Thread thread;
        private volatile Statement waiting;
        private volatile boolean stopped;
        private volatile boolean ended;
        private boolean started;

        Watcher(String peer, long key) {
            this.peer = peer;
            this.key = key;
            this.thread = new Thread(this, "imbridge-watch-" + peer);
            this.thread.setDaemon(true);
        }

        void start() {
            if (!started) {
                started = true;
                thread.start();
            }
        }

        @Override
        public void run() {
            try (Connection c = connector.connect();
                 PreparedStatement hold = c.prepareStatement("SELECT pg_advisory_lock_shared(?)");
                 PreparedStatement letGo = c.prepareStatement("SELECT pg_advisory_unlock_shared(?)")) {
                hold.setLong(1, key);
                waiting = hold;
                if (stopped) {
                    return;
                }
                hold.execute(); // blocks while the peer holds its lock
                waiting = null;
                letGo.setLong(1, key);
                letGo.execute();
            } catch (SQLException e) {
                if (!stopped) {
                    LOG.debug("watching instance {} failed: {}", peer, e.getMessage());
                }
                return; // the next heartbeat starts a new watcher if the peer is still live
            } finally {
                ended = true;
            }
            if (!stopped) {
                LOG.info("instance {} let go of its lock: it stopped or died", peer);
                listener.run();
            }
        }

        void stop() {
            stopped = true;
            Statement s = waiting;
            if (s != null) {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    LOG.debug("cancelling the watch of {}: {}", peer, e.getMessage());
                }
            }
        }
    }
}
