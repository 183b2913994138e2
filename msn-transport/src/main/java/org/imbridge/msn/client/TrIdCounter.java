package org.imbridge.msn.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Transaction ids for one login or one switchboard: 1, 2, 3 … wrapping before 2^32 (docs/msnp.md §2.1).
 * A login keeps one counter across its redirects, as the official client does.
 */
final class TrIdCounter {

    private static final long MAX = 0xFFFF_FFFFL;

    private final AtomicLong next = new AtomicLong(1);

    long next() {
        return next.getAndUpdate(v -> v >= MAX ? 1 : v + 1);
    }
}
