package org.imbridge.xmpp.gateway.outbound;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.imbridge.core.model.LegacyAddress;

/**
 * The legacy contacts that asked a user for authorization and wait for the answer, per user: at most
 * {@code maxPerUser} each (the oldest request is dropped for a new one; the network asks again for
 * the ones still undecided at the user's next login), and nothing kept for a user who has none or
 * who was {@linkplain #forget forgotten}. Thread-safe.
 */
final class PendingAuthorizations {

    /** Requests kept per user by default: far more than anyone answers, few enough to cost nothing. */
    static final int DEFAULT_MAX_PER_USER = 1_000;

    private final int maxPerUser;
    /** Per user, oldest request first; each set is guarded by itself. */
    private final Map<String, LinkedHashSet<LegacyAddress>> pending = new ConcurrentHashMap<>();

    PendingAuthorizations(int maxPerUser) {
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("maxPerUser must be at least 1: " + maxPerUser);
        }
        this.maxPerUser = maxPerUser;
    }

    /** {@code contact} asked {@code userJid}; a repeated request counts as the newest. */
    void add(String userJid, LegacyAddress contact) {
        pending.compute(userJid, (user, requests) -> {
            LinkedHashSet<LegacyAddress> set = requests == null ? new LinkedHashSet<>() : requests;
            synchronized (set) {
                set.remove(contact);
                set.add(contact);
                Iterator<LegacyAddress> oldest = set.iterator();
                while (set.size() > maxPerUser) {
                    oldest.next();
                    oldest.remove();
                }
            }
            return set;
        });
    }

    /** True (once) when {@code contact}'s request to {@code userJid} was waiting for an answer. */
    boolean take(String userJid, LegacyAddress contact) {
        boolean[] taken = {false};
        pending.computeIfPresent(userJid, (user, set) -> {
            synchronized (set) {
                taken[0] = set.remove(contact);
                return set.isEmpty() ? null : set;
            }
        });
        return taken[0];
    }

    /** Drops every request to {@code userJid} (the user unregistered). */
    void forget(String userJid) {
        pending.remove(userJid);
    }

    /** Requests waiting for {@code userJid}. */
    int count(String userJid) {
        LinkedHashSet<LegacyAddress> set = pending.get(userJid);
        if (set == null) {
            return 0;
        }
        synchronized (set) {
            return set.size();
        }
    }

    /** Users with at least one request waiting. */
    int users() {
        return pending.size();
    }
}
