package org.imbridge.core.registration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Where registrations live: one {@link Registration} per user (bare JID) and network, plus, per
 * registration, the legacy contacts already pushed to the user's roster (so that a returning user is
 * not asked about them again).
 *
 * <p>Implementations are thread-safe; every method is one transaction. Methods block on I/O, so
 * callers must not invoke them on a network I/O thread. Failures of the underlying storage are
 * reported as {@link RegistrationStoreException}; invalid arguments as
 * {@link IllegalArgumentException}.
 *
 * <p>The implementation the bridge runs on is {@code org.imbridge.store.JdbcRegistrationStore} in the
 * {@code registration-store} module (H2 or PostgreSQL), opened by {@code RegistrationStores}:
 *
 * <pre>{@code
 * try (RegistrationStore store = RegistrationStores.open(config)) {
 *     store.save(Registration.of("romeo@example.net", "msn", "romeo@hotmail.com", "secret"));
 *     store.markSynced("romeo@example.net", "msn", "juliet@hotmail.com");
 * }
 * }</pre>
 */
public interface RegistrationStore extends AutoCloseable {

    /**
     * The user's registration with a network.
     *
     * @param userJid the user's bare JID
     * @param network the network id
     * @return the registration, with its password decrypted, or empty when the user is not registered
     */
    Optional<Registration> find(String userJid, String network);

    /**
     * Who is registered with a legacy account (one registration per account and network).
     *
     * @param network       the network id
     * @param legacyAccount the legacy account, spelled as it was saved
     * @return the registration using that account, or empty
     */
    Optional<Registration> findByLegacyAccount(String network, String legacyAccount);

    /**
     * Every registration with a network, ordered by user JID.
     *
     * @param network the network id
     * @return the registrations, with passwords decrypted
     */
    List<Registration> all(String network);

    /**
     * One page of the users registered with a network, ordered by user JID, without reading their
     * passwords: for passes over every user (such as probing them all at start-up) that must not hold
     * every registration in memory at once. Pass the last JID of a page as {@code after} to get the
     * next; a page shorter than {@code limit} is the last.
     *
     * @param network the network id
     * @param after   the JID to continue after, or null for the first page
     * @param limit   the largest page, at least 1
     * @return up to {@code limit} bare JIDs, each greater than {@code after}
     */
    List<String> userJids(String network, String after, int limit);

    /**
     * How many users are registered with a network.
     *
     * @param network the network id
     * @return the count
     */
    int count(String network);

    /**
     * Inserts the registration, or updates the user's existing one for that network (re-registering).
     * On update the stored {@link Registration#registeredAt()} is kept, everything else (account,
     * password, all settings, updatedAt) is replaced. Synced contacts are left alone: they describe the
     * user's roster, which re-registering does not change.
     *
     * @param registration the registration to store
     * @throws LegacyAccountInUseException when another user is registered with the same legacy account
     *                                     on the same network
     */
    void save(Registration registration);

    /**
     * Deletes the user's registration with a network and everything kept with it (settings, synced
     * contacts), and in the same transaction records the removal, with the synced contacts, in the
     * removal log ({@link #removalsAfter}), where running transports find it.
     *
     * @param userJid the user's bare JID
     * @param network the network id
     * @return whether there was a registration to delete
     */
    boolean remove(String userJid, String network);

    /**
     * The removal log: removals with an id above {@code afterId}, oldest first, of every network.
     *
     * @param afterId the last id already seen (0 for all)
     * @param limit   the most to return, at least 1
     * @return up to {@code limit} removals
     */
    List<Removal> removalsAfter(long afterId, int limit);

    /** @return the id of the newest entry of the removal log, 0 when it is empty */
    long lastRemovalId();

    /**
     * Deletes removal log entries older than {@code before}.
     *
     * @param before the oldest removal time kept
     * @return how many were deleted
     */
    int pruneRemovals(java.time.Instant before);

    /**
     * The legacy contacts already pushed to the user's roster.
     *
     * @param userJid the user's bare JID
     * @param network the network id
     * @return the contact ids, empty when none or when the user is not registered
     */
    Set<String> syncedContacts(String userJid, String network);

    /**
     * The roster groups last sent to the user for each synced contact (see {@link #recordSentGroups}).
     *
     * @return contact id to groups, only for contacts whose groups were recorded
     */
    default Map<String, Set<String>> sentGroups(String userJid, String network) {
        return Map.of();
    }

    /**
     * Records the roster groups just sent to the user for a synced contact (nothing if it is not synced).
     *
     * @param groups the group names; each without a line feed
     */
    default void recordSentGroups(String userJid, String network, String contactId, Set<String> groups) {
    }

    /**
     * Records that a legacy contact is on the user's roster.
     *
     * @param userJid   the user's bare JID
     * @param network   the network id
     * @param contactId the legacy contact's id (e.g. its account name)
     * @return {@code true} if newly marked; {@code false} if it was marked already or the user is not
     *         (any more) registered, in which case nothing is stored
     */
    boolean markSynced(String userJid, String network, String contactId);

    /**
     * Records that several legacy contacts are on the user's roster, in one transaction: a user's
     * first login brings the whole contact list at once.
     *
     * @param userJid    the user's bare JID
     * @param network    the network id
     * @param contactIds the legacy contacts' ids
     * @return how many were newly marked (none when the user is not, or no longer, registered)
     */
    int markSynced(String userJid, String network, Collection<String> contactIds);

    /**
     * {@link #markSynced(String, String, Collection)}, telling which contacts were not marked before:
     * what a login has to ask the user about, read and written in one go (one transaction in a database)
     * instead of a read and then a write.
     *
     * @return the contacts newly marked, in the order given; empty when the user is not (any more)
     *         registered
     */
    default Set<String> markNewlySynced(String userJid, String network, Collection<String> contactIds) {
        Set<String> before = syncedContacts(userJid, network);
        Set<String> fresh = new java.util.LinkedHashSet<>(contactIds);
        fresh.removeAll(before);
        return markSynced(userJid, network, fresh) == 0 ? Set.of() : java.util.Collections.unmodifiableSet(fresh);
    }

    /**
     * Forgets that a legacy contact is on the user's roster (contact removed on either side).
     *
     * @param userJid   the user's bare JID
     * @param network   the network id
     * @param contactId the legacy contact's id
     * @return whether it was marked
     */
    boolean unmarkSynced(String userJid, String network, String contactId);

    /** Releases the store's connections. Further calls fail; closing twice does nothing. */
    @Override
    void close();
}
