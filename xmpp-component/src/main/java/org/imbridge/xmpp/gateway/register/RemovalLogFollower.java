package org.imbridge.xmpp.gateway.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * <p>Ids are taken as commit order; two removals committing at the same instant in the opposite
 * order of their ids could hide the lower one. Removals are rare admin acts, so that is accepted.
 */
public final class RemovalLogFollower {

    /** How long entries stay in the log: far longer than any transport's poll interval. */
    public static final Duration KEEP = Duration.ofDays(1);
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    static final int PAGE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(RemovalLogFollower.class);

    private final RegistrationStore store;
    private final Consumer<Removal> handler;
    private final Clock clock;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile long lastSeen = -1;
    private Instant nextPrune;

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
            List<Removal> page;
            do {
                page = store.removalsAfter(lastSeen, PAGE);
                for (Removal removal : page) {
                    lastSeen = removal.id();
                    try {
                        handler.accept(removal);
                    } catch (RuntimeException e) {
                        LOG.warn("cannot carry out the removal of {}: {}", removal.userJid(), e.toString(), e);
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
