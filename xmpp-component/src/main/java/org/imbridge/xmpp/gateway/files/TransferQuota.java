package org.imbridge.xmpp.gateway.files;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Transfers under way per user: at most {@code perUser} at once, both directions together. */
final class TransferQuota {

    /** One transfer's place; {@link #close()} gives it back (idempotent). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final int perUser;
    private final Map<String, Integer> running = new HashMap<>();

    TransferQuota(int perUser) {
        this.perUser = perUser;
    }

    synchronized Optional<Lease> acquire(String userJid) {
        int now = running.getOrDefault(userJid, 0);
        if (now >= perUser) {
            return Optional.empty();
        }
        running.put(userJid, now + 1);
        boolean[] closed = {false};
        return Optional.of(() -> release(userJid, closed));
    }

    synchronized int running(String userJid) {
        return running.getOrDefault(userJid, 0);
    }

    private synchronized void release(String userJid, boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        running.computeIfPresent(userJid, (k, n) -> n <= 1 ? null : n - 1);
    }
}
