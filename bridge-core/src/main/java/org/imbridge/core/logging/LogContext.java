package org.imbridge.core.logging;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.slf4j.MDC;

/**
 * A snapshot of the SLF4J logging context (MDC) of the code that started something, to be put back
 * in place wherever the work continues on other threads: the MSN client takes one at login and keeps
 * it with every connection and timer task of that session, the transport's executors with every task,
 * so that the caller's keys (whatever they are, e.g. the user a gateway works for) are on every log
 * line about that work. Nothing here knows what the keys mean.
 *
 * <p>Putting a context in place sets only its own keys and afterwards gives them back their earlier
 * values (normally none); the empty context does nothing at all. Immutable and thread-safe.
 */
public final class LogContext {

    /** No keys: entering it does nothing, wrapping returns the task itself. */
    public static final LogContext EMPTY = new LogContext(new String[0], new String[0]);

    /** What {@link #enter} returns when the MDC already held exactly this context. */
    private static final String[] UNCHANGED = new String[0];

    private final String[] keys;
    private final String[] values;

    private LogContext(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The one entry {@code key = value}; {@link #EMPTY} when {@code value} is {@code null}. */
    public static LogContext of(String key, String value) {
        if (value == null) {
            return EMPTY;
        }
        return new LogContext(new String[] {Objects.requireNonNull(key, "key")}, new String[] {value});
    }

    /** The calling thread's MDC as it is now; {@link #EMPTY} when it has no entries. */
    public static LogContext capture() {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc == null || mdc.isEmpty()) {
            return EMPTY;
        }
        String[] keys = new String[mdc.size()];
        String[] values = new String[mdc.size()];
        int n = 0;
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                keys[n] = e.getKey();
                values[n] = e.getValue();
                n++;
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        if (n < keys.length) {
            keys = Arrays.copyOf(keys, n);
            values = Arrays.copyOf(values, n);
        }
        return new LogContext(keys, values);
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The captured value of {@code key}, or {@code null}. */
    public String get(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    /** {@code task}, run with this context in place; the task itself when the context is empty. */
    public Runnable wrap(Runnable task) {
        if (isEmpty()) {
            return task;
        }
        return () -> run(task);
    }

    /** Runs {@code task} now, on this thread, with this context in place. */
    public void run(Runnable task) {
        if (isEmpty()) {
            task.run();
            return;
        }
        String[] previous = enter();
        try {
            task.run();
        } finally {
            exit(previous);
        }
    }

    /**
     * Puts the entries in the MDC. Returns the values they replaced, or {@code null} when none of the
     * keys had a value (the usual case on the client's threads), so that the hot path allocates nothing.
     * Pass the result to {@link #exit}; for code that cannot take a {@link Runnable} (an I/O filter).
     */
    public String[] enter() {
        String[] previous = null;
        boolean unchanged = true;
        for (int i = 0; i < keys.length; i++) {
            String old = MDC.get(keys[i]);
            if (old != null) {
                if (previous == null) {
                    previous = new String[keys.length];
                }
                previous[i] = old;
                if (old.equals(values[i])) {
                    continue;
                }
            }
            unchanged = false;
            MDC.put(keys[i], values[i]);
        }
        return unchanged ? UNCHANGED : previous;
    }

    /** Gives the keys back the values {@link #enter} found (removing those that had none). */
    public void exit(String[] previous) {
        if (previous == UNCHANGED) {
            return; // already in this context (a nested event): nothing was touched
        }
        for (int i = 0; i < keys.length; i++) {
            String old = previous == null ? null : previous[i];
            if (old == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], old);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LogContext{");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
