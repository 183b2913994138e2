package org.imbridge.xmpp.gateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.cluster.Membership;
import org.imbridge.core.cluster.SessionOwnership;

/** Another instance's view scripted by the test: the live members, the claims, the answers to claim(). */
public final class ScriptedOwnership implements SessionOwnership {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final Map<String, List<String>> claims = new ConcurrentHashMap<>();
    public volatile Claim nextClaim = Claim.claimed();
    public volatile List<String> live;
    public final Map<String, Integer> streams = new ConcurrentHashMap<>();
    public volatile Runnable streamWanted = () -> { };
    private final String name;

    public ScriptedOwnership(String name, String... live) {
        this.name = name;
        this.live = List.of(live);
    }

    @Override
    public String instance() {
        return name;
    }

    @Override
    public Claim claim(String userJid, String network) {
        calls.add("claim " + userJid);
        return nextClaim;
    }

    @Override
    public void release(String userJid, String network) {
        calls.add("release " + userJid);
    }

    @Override
    public boolean ownedElsewhere(String userJid, String network) {
        return false;
    }

    @Override
    public void onLost(LostListener listener) {
    }

    @Override
    public Membership heartbeat(String network, int streams) {
        List<Membership.Member> members = new ArrayList<>();
        this.streams.put(name, streams);
        live.stream().sorted().forEach(n -> members.add(new Membership.Member(n, java.time.Instant.EPOCH,
                claims.getOrDefault(n, List.of()).size(), this.streams.getOrDefault(n, 1))));
        return new Membership(members);
    }

    @Override
    public List<String> claimedBy(String instance, String network) {
        return claims.getOrDefault(instance, List.of());
    }

    @Override
    public void forget(String instance) {
        calls.add("forget " + instance);
        claims.remove(instance);
    }

    @Override
    public void onStreamWanted(Runnable listener) {
        this.streamWanted = listener;
    }

    @Override
    public void leave() {
    }

    @Override
    public void close() {
    }
}
