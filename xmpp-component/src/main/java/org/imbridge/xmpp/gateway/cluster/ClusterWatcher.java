package org.imbridge.xmpp.gateway.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.imbridge.core.cluster.Membership;
import org.imbridge.core.cluster.SessionOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's heartbeat in a deployment of several: proves it alive, sees who else is, and when
 * an instance vanishes (killed, machine gone, stopped) the live instance with the smallest name asks
 * the servers of that instance's users for their presence. Nothing else tells an instance that a user
 * is online: the answers reach whichever instance the XMPP server now routes each user to, which takes
 * the user over. The vanished instance's claims are dropped {@link #FORGET_AFTER} later, so that the
 * take-overs meanwhile are known as such (quiet logins).
 *
 * <p>{@link #beat()} blocks on the shared store: call it on a worker, every heartbeat interval.
 */
public final class ClusterWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);
    static final Duration FORGET_AFTER = Duration.ofSeconds(60);

    private final SessionOwnership ownership;
    private final String network;
    private final Consumer<String> probe;
    private final LongSupplier nanoClock;
    private final Map<String, Long> forgetAt = new HashMap<>();
    private volatile Membership current;
    private boolean warnedNotLive;

    /**
     * @param ownership who holds whose session
     * @param network   the network id
     * @param probe     sends a presence probe from the transport to a user's bare JID
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     */
    public ClusterWatcher(SessionOwnership ownership, String network, Consumer<String> probe, LongSupplier nanoClock) {
        this.ownership = ownership;
        this.network = network;
        this.probe = probe;
        this.nanoClock = nanoClock;
    }

    /** @return the live instances at the last heartbeat, if there was one */
    public Optional<Membership> current() {
        return Optional.ofNullable(current);
    }

    /** @return true when the last heartbeat saw another live instance, which can take this one's users */
    public boolean othersLive() {
        Membership m = current;
        return m != null && m.names().stream().anyMatch(name -> !name.equals(ownership.instance()));
    }

    /** One heartbeat. */
    public synchronized void beat() {
        Membership now;
        try {
            now = ownership.heartbeat(network);
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed; other instances will take this one's users if it goes on: {}", e.toString());
            return;
        }
        Membership before = current;
        current = now;
        String self = ownership.instance();
        if (!now.names().contains(self)) {
            if (!warnedNotLive) {
                LOG.warn("instance {} does not count as live (late heartbeat or lost lock): others may take its users",
                        self);
                warnedNotLive = true;
            }
        } else {
            warnedNotLive = false;
        }
        if (before == null) {
            LOG.info("instance {}: live instances {}", self, now.names());
            return;
        }
        Set<String> gone = new HashSet<>(before.names());
        gone.removeAll(now.names());
        gone.remove(self);
        Set<String> joined = new HashSet<>(now.names());
        joined.removeAll(before.names());
        if (!gone.isEmpty() || !joined.isEmpty()) {
            LOG.info("instance {}: live instances {} (joined {}, gone {})", self, now.names(), joined, gone);
        }
        if (!now.isLeader(self)) {
            return;
        }
        long nowNanos = nanoClock.getAsLong();
        for (String instance : gone) {
            List<String> users = ownership.claimedBy(instance, network);
            users.forEach(probe);
            forgetAt.put(instance, nowNanos + FORGET_AFTER.toNanos());
            LOG.info("instance {} is gone: asked for the presence of its {} users", instance, users.size());
        }
        forgetAt.entrySet().removeIf(e -> {
            if (now.names().contains(e.getKey())) {
                return true; // it came back
            }
            if (nowNanos - e.getValue() >= 0) {
                ownership.forget(e.getKey());
                return true;
            }
            return false;
        });
    }
}
