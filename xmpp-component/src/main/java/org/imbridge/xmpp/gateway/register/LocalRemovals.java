package org.imbridge.xmpp.gateway.register;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removals this process makes itself (the user unregistering, an admin command), already carried out
 * here: when the removal log brings them back, they are skipped instead of handled twice. Marked
 * before the store deletes, so the log can never be read before the mark is there.
 */
public final class LocalRemovals {

    private final Map<String, Integer> expected = new ConcurrentHashMap<>();

    /** {@code userJid}'s registration is about to be removed here. */
    public void expect(String userJid) {
        expected.merge(userJid, 1, Integer::sum);
    }

    /**
     * Takes one mark of {@code userJid}: when the store removed nothing, or when the log shows the removal.
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
