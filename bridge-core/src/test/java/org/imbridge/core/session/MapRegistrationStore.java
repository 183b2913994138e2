package org.imbridge.core.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;

/**
 * Registrations in a map, for tests of {@link SessionManager}, which only looks registrations up:
 * {@link #save} and {@link #find} work, everything else is refused, so a test that starts relying on
 * more fails loudly instead of passing on a half-built fake. (The real store's tests live beside it in
 * the registration-store module; bridge-core needs no database.)
 */
final class MapRegistrationStore implements RegistrationStore {

    private final Map<String, Registration> byUserAndNetwork = new ConcurrentHashMap<>();

    @Override
    public Optional<Registration> find(String userJid, String network) {
        return Optional.ofNullable(byUserAndNetwork.get(key(userJid, network)));
    }

    @Override
    public void save(Registration registration) {
        byUserAndNetwork.put(key(registration.userJid(), registration.network()), registration);
    }

    @Override
    public Optional<Registration> findByLegacyAccount(String network, String legacyAccount) {
        throw notNeeded();
    }

    @Override
    public List<Registration> all(String network) {
        throw notNeeded();
    }

    @Override
    public List<String> userJids(String network, String after, int limit) {
        throw notNeeded();
    }

    @Override
    public int count(String network) {
        throw notNeeded();
    }

    @Override
    public boolean remove(String userJid, String network) {
        throw notNeeded();
    }

    @Override
    public List<org.imbridge.core.registration.Removal> removalsAfter(long afterId, int limit) {
        throw notNeeded();
    }

    @Override
    public long lastRemovalId() {
        throw notNeeded();
    }

    @Override
    public int pruneRemovals(java.time.Instant before) {
        throw notNeeded();
    }

    @Override
    public Set<String> syncedContacts(String userJid, String network) {
        throw notNeeded();
    }

    @Override
    public boolean markSynced(String userJid, String network, String contactId) {
        throw notNeeded();
    }

    @Override
    public int markSynced(String userJid, String network, Collection<String> contactIds) {
        throw notNeeded();
    }

    @Override
    public boolean unmarkSynced(String userJid, String network, String contactId) {
        throw notNeeded();
    }

    @Override
    public void close() {
        byUserAndNetwork.clear();
    }

    private static String key(String userJid, String network) {
        return userJid + "\n" + network;
    }

    private static UnsupportedOperationException notNeeded() {
        return new UnsupportedOperationException("SessionManager does not use this; use the real store");
    }
}
