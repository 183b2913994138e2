package org.imbridge.core.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.cluster.Membership;
import org.imbridge.core.cluster.SessionOwnership;

/** Answers claims as the test says and records what the sessions asked. */
final class ScriptedOwnership implements SessionOwnership {

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Claim nextClaim = Claim.claimed();
    volatile boolean ownedElsewhere;
    volatile LostListener listener;

    @Override
    public String instance() {
        return "here";
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
        return ownedElsewhere;
    }

    @Override
    public void onLost(LostListener listener) {
        this.listener = listener;
    }

    @Override
    public Membership heartbeat(String network, int streams) {
        return new Membership(List.of());
    }

    @Override
    public List<String> claimedBy(String instance, String network) {
        return List.of();
    }

    @Override
    public void forget(String instance) {
    }

    @Override
    public void leave() {
    }

    @Override
    public void close() {
    }
}
