package org.imbridge.msn.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers for the client's futures. */
final class Futures {

    private Futures() {
    }

    /** Completes when every part has; fails as soon as one fails, with that part's own exception. */
    static CompletableFuture<Void> all(List<CompletableFuture<Void>> parts) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(parts.size());
        if (parts.isEmpty()) {
            all.complete(null);
        }
        for (CompletableFuture<Void> part : parts) {
            part.whenComplete((v, e) -> {
                if (e != null) {
                    all.completeExceptionally(unwrap(e));
                } else if (remaining.decrementAndGet() == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }

    /** The exception inside {@link CompletionException} / {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Wraps a checked failure for throwing inside a stage function. */
    static CompletionException fail(Throwable cause) {
        return cause instanceof CompletionException ce ? ce : new CompletionException(cause);
    }
}
