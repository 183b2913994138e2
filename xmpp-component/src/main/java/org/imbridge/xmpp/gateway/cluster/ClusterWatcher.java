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
 * <p>The XMPP server balances the domain over a fixed number of slots ({@code slots}, ejabberd's
 * {@code component_number}) and drops stanzas for a slot no stream holds; so the leader first fills
 * slots left free (one extra stream per heartbeat, see {@link ComponentStreams}), and asks for the
 * vanished instances' users only once every slot is held again, so that the answers arrive. An
 * instance asked to make room for a newcomer closes one of its extra streams.
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
    private final int slots;
    private final ComponentStreams streams;
    private final Map<String, Long> forgetAt = new HashMap<>();
    private final Set<String> toProbe = new java.util.LinkedHashSet<>();
    private volatile Membership current;
    private boolean warnedNotLive;
    private boolean stopped;

    /**
     * @param ownership who holds whose session
     * @param network   the network id
     * @param probe     sends a presence probe from the transport to a user's bare JID
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     */
    public ClusterWatcher(SessionOwnership ownership, String network, Consumer<String> probe, LongSupplier nanoClock) {
        this(ownership, network, probe, nanoClock, 1, ComponentStreams.SINGLE);
    }

    /**
     * @param slots   how many streams the XMPP server balances the domain over
     * @param streams this instance's component streams
     */
    public ClusterWatcher(SessionOwnership ownership, String network, Consumer<String> probe, LongSupplier nanoClock,
                          int slots, ComponentStreams streams) {
        this.slots = slots;
        this.streams = streams;
        ownership.onStreamWanted(() -> {
            if (streams.closeExtra()) {
                LOG.info("closed an extra component stream to make room for another instance");
            }
        });
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

    /**
     * This instance is stopping: from now on a heartbeat does nothing. A stopping instance must not act
     * as the leader: an extra stream it opened would take users' stanzas back from the instances it is
     * handing them to. Waits for a heartbeat under way.
     */
    public synchronized void stop() {
        stopped = true;
    }

    /** One heartbeat; nothing once {@link #stop() stopped}. */
    public synchronized void beat() {
        if (stopped) {
            return;
        }
        Membership now;
        try {
            now = ownership.heartbeat(network, streams.count());
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
        }
        Set<String> gone = new HashSet<>(before == null ? now.names() : before.names());
        gone.removeAll(now.names());
        gone.remove(self);
        Set<String> joined = new HashSet<>(now.names());
        joined.removeAll(before == null ? now.names() : before.names());
        if (!gone.isEmpty() || !joined.isEmpty()) {
            LOG.info("instance {}: live instances {} (joined {}, gone {})", self, now.names(), joined, gone);
        }
        toProbe.addAll(gone);
        toProbe.removeAll(now.names());
        if (!now.isLeader(self)) {
            return;
        }
        int free = slots - now.streams();
        if (free > 0) {
            LOG.info("{} of {} component slots free: opening an extra stream", free, slots);
            streams.openExtra();
            return; // the vanished instances' users are asked for once their slots are held again
        }
        if (streams.opening()) {
            return; // its slot is not held until the server has accepted it
        }
        long nowNanos = nanoClock.getAsLong();
        for (String instance : toProbe) {
            List<String> users = ownership.claimedBy(instance, network);
            users.forEach(probe);
            forgetAt.put(instance, nowNanos + FORGET_AFTER.toNanos());
            LOG.info("instance {} is gone: asked for the presence of its {} users", instance, users.size());
        }
        toProbe.clear();
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
