package org.imbridge.core.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only instance of its deployment (a store only one process opens, such as an H2 file): every
 * claim is granted, nothing is ever lost to another instance. Counts the claims it holds so that the
 * admin commands read the same numbers as with several instances.
 */
public final class SoleInstance implements SessionOwnership {

    private final String name;
    private final Instant started = Instant.now();
    private final Map<String, Set<String>> claims = new ConcurrentHashMap<>();

    public SoleInstance(String name) {
        this.name = name;
    }

    @Override
    public String instance() {
        return name;
    }

    @Override
    public Claim claim(String userJid, String network) {
        claims.computeIfAbsent(network, n -> ConcurrentHashMap.newKeySet()).add(userJid);
        return Claim.claimed();
    }

    @Override
    public void release(String userJid, String network) {
        Set<String> users = claims.get(network);
        if (users != null) {
            users.remove(userJid);
        }
    }

    @Override
    public boolean ownedElsewhere(String userJid, String network) {
        return false;
    }

    @Override
    public void onLost(LostListener listener) {
        // nobody else can claim a user
    }

    @Override
    public Membership heartbeat(String network, int streams) {
        return new Membership(List.of(new Membership.Member(name, started, claims.getOrDefault(network, Set.of()).size(),
                streams)));
    }

    @Override
    public List<String> claimedBy(String instance, String network) {
        return instance.equals(name) ? List.copyOf(claims.getOrDefault(network, Set.of())) : List.of();
    }

    @Override
    public void forget(String instance) {
        // only this instance exists
    }

    @Override
    public void leave() {
        // nobody to hand over to
    }

    @Override
    public void close() {
        // nothing held
    }
}
