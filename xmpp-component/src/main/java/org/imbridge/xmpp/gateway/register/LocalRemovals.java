package org.imbridge.xmpp.gateway.register;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Removals this process makes itself (the user unregistering, an admin command), already carried out
 * here: when the removal log brings them back, they are skipped instead of handled twice. Marked
 * before the store deletes, so the log can never be read before the mark is there.
 */
public final class LocalRemovals {

    private final Map<String, Integer> expected = new ConcurrentHashMap<>();

    /**
     * Runs {@code removal} of {@code userJid}'s registration here, marked for the removal log.
     *
     * @param removal the store's delete; says whether there was a registration
     * @return what {@code removal} said
     */
    public boolean remove(String userJid, BooleanSupplier removal) {
        expected.merge(userJid, 1, Integer::sum);
        boolean removed = false;
        try {
            removed = removal.getAsBoolean();
        } finally {
            if (!removed) {
                take(userJid);
            }
        }
        return removed;
    }

    /**
     * Takes one mark of {@code userJid}, when the log shows the removal.
     *
     * @return whether there was one (the removal was made here)
     */
    public boolean take(String userJid) {
        boolean[] had = {false};
        expected.computeIfPresent(userJid, (user, n) -> {
            had[0] = true;
            return n == 1 ? null : n - 1;
        });
        return had[0];
    }
}
