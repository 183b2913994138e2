package org.imbridge.core.registration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A registration that was removed, as the store's removal log keeps it for a while: so that a running
 * transport learns of removals made elsewhere (another process, another instance) and can end the
 * user's session and take back the roster entries it had created.
 *
 * @param id             the log entry's id, increasing with each removal
 * @param userJid        the user's bare JID
 * @param network        the network id
 * @param removedAt      when the registration was removed
 * @param syncedContacts the legacy contacts that were on the user's roster then; unmodifiable, sorted
 */
public record Removal(long id, String userJid, String network, Instant removedAt, Set<String> syncedContacts) {

    public Removal {
        Limits.userJid(userJid);
        Limits.network(network);
        removedAt = Objects.requireNonNull(removedAt, "removedAt").truncatedTo(ChronoUnit.MILLIS);
        syncedContacts = Collections.unmodifiableSortedSet(new TreeSet<>(syncedContacts));
    }
}
