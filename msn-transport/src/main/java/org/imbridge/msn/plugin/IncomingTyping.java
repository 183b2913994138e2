package org.imbridge.msn.plugin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.imbridge.core.model.ChatState;

/**
 * Contacts' typing as chat states. MSN only says "is typing", again every few seconds while it lasts
 * (docs/msnp.md §8.2): the first notice becomes {@link ChatState#COMPOSING}, and when notices stop for
 * the expiry time, {@link ChatState#PAUSED}. A message from the contact ends the typing without a
 * PAUSED (the message itself says the contact is active). Thread-safe; states are reported under the
 * monitor so that a COMPOSING and a PAUSED can never overtake each other.
 */
final class IncomingTyping {

    /** One contact's typing: the pending expiry, identified by object so that a stale timer does nothing. */
    private static final class Typing {
        final String handle;
        ScheduledFuture<?> expiry;

        Typing(String handle) {
            this.handle = handle;
        }
    }

    private final ScheduledExecutorService scheduler;
    private final Duration expiry;
    private final BiConsumer<String, ChatState> report;
    private final Map<String, Typing> typing = new HashMap<>();
    private boolean stopped;

    IncomingTyping(ScheduledExecutorService scheduler, Duration expiry, BiConsumer<String, ChatState> report) {
        this.scheduler = scheduler;
        this.expiry = expiry;
        this.report = report;
    }

    /** {@code handle} sent a typing notice. */
    synchronized void noticeFrom(String handle) {
        if (stopped) {
            return;
        }
        String key = handle.toLowerCase(Locale.ROOT);
        Typing previous = typing.remove(key);
        if (previous != null) {
            previous.expiry.cancel(false);
        } else {
            report.accept(handle, ChatState.COMPOSING);
        }
        Typing now = new Typing(handle);
        try {
            now.expiry = scheduler.schedule(() -> expired(key, now), expiry.toNanos(), TimeUnit.NANOSECONDS);
            typing.put(key, now);
        } catch (RejectedExecutionException e) {
            stopped = true; // the network is closing
        }
    }

    /** {@code handle} sent a message: no PAUSED for the typing that led to it. */
    synchronized void messageFrom(String handle) {
        Typing t = typing.remove(handle.toLowerCase(Locale.ROOT));
        if (t != null) {
            t.expiry.cancel(false);
        }
    }

    /** Forgets the typing of every handle that matches, with no PAUSED for it. */
    synchronized void forgetIf(Predicate<String> handle) {
        typing.values().removeIf(t -> {
            boolean match = handle.test(t.handle);
            if (match) {
                t.expiry.cancel(false);
            }
            return match;
        });
    }

    /** Forgets everything and reports nothing more (logout). */
    synchronized void stop() {
        stopped = true;
        typing.values().forEach(t -> t.expiry.cancel(false));
        typing.clear();
    }

    private synchronized void expired(String key, Typing t) {
        if (typing.remove(key, t)) {
            report.accept(t.handle, ChatState.PAUSED);
        }
    }
}
