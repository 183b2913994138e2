package org.imbridge.xmpp.gateway.presence;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every registered user's server for the user's presence: one probe from the transport JID to
 * each bare JID (the transport is subscribed to its users since registration), paging through the
 * store and sending at most {@code perSecond} probes a second, so that a restart with 10,000 users
 * does not log them all in to the legacy network at once. The server answers with the user's
 * available resources, which {@link PresenceHandler} turns into logins; users who are offline answer
 * unavailable or nothing, and stay offline.
 *
 * <p>{@link #start()} is called each time the component stream comes online. A pass that is still
 * running then is abandoned and a new one starts from the first user: the server forgot what it had
 * routed on the old stream, so probes sent shortly before it dropped may have been lost, and
 * restarting is the only way to be sure everyone was asked. So at most one pass runs at a time.
 */
public final class RegisteredUserProbes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredUserProbes.class);
    static final int PAGE = 500;

    /** Runs a task after a delay: the transport's timer, or a virtual clock in tests. */
    @FunctionalInterface
    public interface Delay {
        void after(long nanos, Runnable task);
    }

    private final RegistrationStore store;
    private final String network;
    private final JidMapping jids;
    private final StanzaSink sink;
    private final Executor pool;
    private final Delay delay;
    private final IntSupplier perSecond;
    private final LongSupplier clock;
    private final Predicate<String> alreadyProbed;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean running;

    /**
     * @param pool          where the store is read (it blocks)
     * @param perSecond     the rate, read before each probe so that a reload applies
     * @param clock         nanoseconds, for the pass's duration in the log
     * @param alreadyProbed users to skip: those with a session, which the gateway probes itself on reconnect
     */
    public RegisteredUserProbes(RegistrationStore store, String network, JidMapping jids, StanzaSink sink,
                                Executor pool, Delay delay, IntSupplier perSecond, LongSupplier clock,
                                Predicate<String> alreadyProbed) {
        this.store = store;
        this.network = network;
        this.jids = jids;
        this.sink = sink;
        this.pool = pool;
        this.delay = delay;
        this.perSecond = perSecond;
        this.clock = clock;
        this.alreadyProbed = alreadyProbed;
    }

    /** Starts a pass over every registered user, abandoning one in progress. */
    public void start() {
        if (closed) {
            return;
        }
        Pass pass = new Pass(generation.incrementAndGet());
        run(pool, pass::fetch);
    }

    /** True while a pass has users left to probe. */
    public boolean running() {
        return running;
    }

    /** Stops the pass in progress; later {@link #start()} calls do nothing. */
    @Override
    public void close() {
        closed = true;
        generation.incrementAndGet();
        running = false;
    }

    private final class Pass {
        private final long id;
        private final long startedAt = clock.getAsLong();
        private Iterator<String> page = List.<String>of().iterator();
        private String last;
        private boolean lastPage;
        private int probed;

        Pass(long id) {
            this.id = id;
        }

        private boolean current() {
            return !closed && generation.get() == id;
        }

        void fetch() {
            if (!current()) {
                return;
            }
            List<String> users;
            try {
                if (last == null) {
                    running = true;
                    LOG.info("probing the presence of {} registered users, at most {} a second",
                            store.count(network), perSecond.getAsInt());
                }
                users = store.userJids(network, last, PAGE);
            } catch (RuntimeException e) {
                LOG.warn("cannot list the registered users to probe (after {} probes): {}", probed, e.toString());
                finish();
                return;
            }
            lastPage = users.size() < PAGE;
            if (!users.isEmpty()) {
                last = users.get(users.size() - 1);
            }
            page = users.iterator();
            next();
        }

        /** Sends the next probe, then waits 1/rate before the one after: probe i leaves at least i/rate after the first. */
        void next() {
            if (!current()) {
                return;
            }
            while (page.hasNext()) {
                String user = page.next();
                if (alreadyProbed.test(user)) {
                    continue;
                }
                BareJid to;
                try {
                    to = jids.user(user);
                } catch (IllegalArgumentException e) {
                    LOG.debug("not probing '{}': not a JID", user);
                    continue;
                }
                sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.probe).from(jids.transport()).to(to).build());
                probed++;
                waitThenNext(TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond.getAsInt()));
                return;
            }
            if (lastPage) {
                finish();
            } else {
                run(pool, this::fetch);
            }
        }

        private void finish() {
            if (current()) {
                running = false;
                LOG.info("probed {} registered users in {} ms", probed,
                        TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - startedAt));
            }
        }

        private void waitThenNext(long nanos) {
            try {
                delay.after(nanos, this::next);
            } catch (RejectedExecutionException e) {
                LOG.debug("probing stopped: the transport is shutting down");
            }
        }
    }

    private static void run(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("probing stopped: the transport is shutting down");
        }
    }
}
