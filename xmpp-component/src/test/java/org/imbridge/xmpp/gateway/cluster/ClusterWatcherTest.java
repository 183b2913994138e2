package org.imbridge.xmpp.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ClusterWatcherTest {

    private final List<String> probed = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    @Test
    void theLeaderAsksForThePresenceOfAVanishedInstancesUsersAndForgetsItsClaimsLater() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a", "b", "c");
        ownership.claims.put("b", List.of("romeo@localhost", "juliet@localhost"));
        ClusterWatcher watcher = watcher(ownership);
        watcher.beat();
        assertThat(watcher.othersLive()).isTrue();

        ownership.live = List.of("a", "c");
        watcher.beat();

        assertThat(probed).containsExactlyInAnyOrder("romeo@localhost", "juliet@localhost");
        assertThat(ownership.calls).doesNotContain("forget b"); // take-overs meanwhile are known as such
        clock.addAndGet(ClusterWatcher.FORGET_AFTER.toNanos());
        watcher.beat();
        assertThat(ownership.calls).contains("forget b");
        assertThat(probed).hasSize(2);
    }

    @Test
    void onlyTheLeaderProbes() {
        ScriptedOwnership ownership = new ScriptedOwnership("c", "a", "b", "c");
        ownership.claims.put("b", List.of("romeo@localhost"));
        ClusterWatcher watcher = watcher(ownership);
        watcher.beat();

        ownership.live = List.of("a", "c");
        watcher.beat();

        assertThat(probed).isEmpty();
        assertThat(watcher.current().orElseThrow().names()).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void anInstanceThatComesBackIsNotForgotten() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a", "b");
        ownership.claims.put("b", List.of("romeo@localhost"));
        ClusterWatcher watcher = watcher(ownership);
        watcher.beat();
        ownership.live = List.of("a");
        watcher.beat();
        ownership.live = List.of("a", "b");
        watcher.beat();

        clock.addAndGet(ClusterWatcher.FORGET_AFTER.toNanos());
        watcher.beat();

        assertThat(ownership.calls).doesNotContain("forget b");
    }

    @Test
    void aNewcomerDoesNothingAtItsFirstBeatAndAloneHasNobodyToHandOverTo() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a");
        ClusterWatcher watcher = watcher(ownership);
        assertThat(watcher.current()).isEmpty();

        watcher.beat();

        assertThat(watcher.othersLive()).isFalse();
        assertThat(probed).isEmpty();
    }

    private ClusterWatcher watcher(ScriptedOwnership ownership) {
        return new ClusterWatcher(ownership, "fakenet", probed::add, clock::get);
    }
}
