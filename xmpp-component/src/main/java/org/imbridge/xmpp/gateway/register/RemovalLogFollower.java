package org.imbridge.xmpp.gateway.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.Removal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the store's removal log: {@link #poll()}, called every few seconds, hands each removal
 * newer than the last one seen to the handler, and now and then deletes entries older than
 * {@link #KEEP}. Starts at the log's end: removals made while the transport was stopped are not
 * replayed. Several transports may follow the same log; each prunes it.
 *
 * <p>Ids are not commit order: on PostgreSQL a removal may take id 5, another id 6 and commit first.
 * So an id skipped over is kept as a hole for {@link #HOLE_WAIT} and looked for again at each poll;
 * one that never comes (a rolled-back removal) is given up then.
 */
public final class RemovalLogFollower {

    /** How long entries stay in the log: far longer than any transport's poll interval. */
    public static final Duration KEEP = Duration.ofDays(1);
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    static final int PAGE = 100;
    /** How long a skipped id may still commit: far longer than any removal transaction. */
    static final Duration HOLE_WAIT = Duration.ofMinutes(1);
    /** Holes kept per jump in ids: a crashed PostgreSQL skips its sequence cache (32) at once. */
    static final int MAX_HOLES_PER_JUMP = 100;

    private static final Logger LOG = LoggerFactory.getLogger(RemovalLogFollower.class);

    private final RegistrationStore store;
    private final Consumer<Removal> handler;
    private final Clock clock;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile long lastSeen = -1;
    private Instant nextPrune;
    /** Ids below {@link #lastSeen} not seen yet, with when they were skipped. Only the polling thread. */
    private final NavigableMap<Long, Instant> holes = new TreeMap<>();

    public RemovalLogFollower(RegistrationStore store, Consumer<Removal> handler, Clock clock) {
        this.store = store;
        this.handler = handler;
        this.clock = clock;
        this.nextPrune = clock.instant();
    }

    /** Starts following at the log's current end (a store read). */
    public void start() {
        lastSeen = store.lastRemovalId();
    }

    /** Handles the removals logged since the last poll; a poll still running makes this one do nothing. */
    public void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            if (lastSeen < 0) {
                start();
                return;
            }
            Instant now = clock.instant();
            holes.values().removeIf(skipped -> skipped.isBefore(now.minus(HOLE_WAIT)));
            long from = holes.isEmpty() ? lastSeen : Math.min(lastSeen, holes.firstKey() - 1);
            List<Removal> page;
            do {
                page = store.removalsAfter(from, PAGE);
                for (Removal removal : page) {
                    from = removal.id();
                    if (isNew(removal.id(), now)) {
                        handle(removal);
                    }
                }
            } while (page.size() == PAGE);
            pruneNowAndThen();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the registration removal log: {}", e.getMessage());
        } finally {
            polling.set(false);
        }
    }

    /** Whether {@code id} was not handled yet: above the last seen (holes recorded below it) or a hole. */
    private boolean isNew(long id, Instant now) {
        if (id <= lastSeen) {
            return holes.remove(id) != null;
        }
        for (long skipped = lastSeen + 1; skipped < id && skipped <= lastSeen + MAX_HOLES_PER_JUMP; skipped++) {
            holes.put(skipped, now);
        }
        lastSeen = id;
        return true;
    }

    private void handle(Removal removal) {
        try {
            handler.accept(removal);
        } catch (RuntimeException e) {
            LOG.warn("cannot carry out the removal of {}: {}", removal.userJid(), e.toString(), e);
        }
    }

    private void pruneNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        int pruned = store.pruneRemovals(now.minus(KEEP));
        if (pruned > 0) {
            LOG.debug("pruned {} old entries of the registration removal log", pruned);
        }
    }
}
