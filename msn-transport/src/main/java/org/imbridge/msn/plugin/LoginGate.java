package org.imbridge.msn.plugin;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.imbridge.core.logging.LogContext;

/**
 * Lets at most {@code max} MSN logins run at once; the others wait their turn in arrival order. When
 * thousands of users come online together (a transport restart), starting every login at once made
 * all of them crawl through their dozen round trips side by side, so that none finished for tens of
 * seconds and the slowest ran into the login timeout; in turns they finish steadily from the start.
 * A login's own timeout only starts when it leaves the queue. A login that waits starts in the logging
 * context (MDC) of the code that submitted it, so the client captures that context, not the starter's.
 */
final class LoginGate {

    private final int max;
    private final Executor starter;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param max     logins in flight at most
     * @param starter starts queued logins (so that a finishing login does not start the next one
     *                inside its own completion)
     */
    LoginGate(int max, Executor starter) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
        this.starter = starter;
    }

    /** Runs {@code login} now or once an earlier one has finished; the stage completes as it does. */
    <T> CompletionStage<T> submit(Supplier<? extends CompletionStage<T>> login) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletionStage<T> stage;
            try {
                stage = login.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, failure) -> {
                release();
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = running < max;
            if (now) {
                running++;
            } else {
                waiting.add(LogContext.capture().wrap(start));
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    /** Logins waiting for their turn. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        // The finished login's permit passes to the next one.
        try {
            starter.execute(next);
        } catch (RejectedExecutionException e) {
            next.run(); // shutting down: let it fail on the closed client right away
        }
    }
}
