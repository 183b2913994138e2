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

    @Test
    void theLeaderFillsFreeSlotsFirstAndAsksForTheVanishedUsersOnceTheyAreHeld() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a", "b", "c");
        ownership.claims.put("c", List.of("romeo@localhost"));
        CountingStreams streams = new CountingStreams();
        ClusterWatcher watcher = watcher(ownership, 3, streams);
        watcher.beat();
        assertThat(streams.count()).isOne();

        ownership.live = List.of("a", "b"); // c died: its slot is free
        watcher.beat();
        assertThat(streams.count()).isEqualTo(2);
        assertThat(probed).isEmpty(); // its users' answers would go to the free slot

        watcher.beat();
        assertThat(streams.count()).isEqualTo(2);
        assertThat(probed).containsExactly("romeo@localhost");
    }

    @Test
    void theVanishedUsersAreNotAskedForWhileTheStreamFillingTheirSlotIsNotAcceptedYet() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a", "b");
        ownership.claims.put("b", List.of("romeo@localhost"));
        CountingStreams streams = new CountingStreams();
        ClusterWatcher watcher = watcher(ownership, 2, streams);
        watcher.beat();

        ownership.live = List.of("a");
        streams.acceptLater = true;
        watcher.beat(); // opens the extra stream
        watcher.beat(); // the slot counts as taken, but the server has not accepted the stream
        assertThat(probed).isEmpty();

        streams.opening = false;
        watcher.beat();
        assertThat(probed).containsExactly("romeo@localhost");
        assertThat(streams.count()).isEqualTo(2);
    }

    @Test
    void aStoppingInstanceNeitherOpensStreamsNorAsksForUsersThoughItWouldLead() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a", "b", "c");
        ownership.claims.put("b", List.of("romeo@localhost"));
        CountingStreams streams = new CountingStreams();
        ClusterWatcher watcher = watcher(ownership, 3, streams);
        watcher.beat();

        watcher.stop(); // handing its users to c
        ownership.live = List.of("a", "c"); // b left at the same time
        watcher.beat();
        watcher.beat();

        assertThat(streams.count()).as("no extra stream to take users' stanzas back").isOne();
        assertThat(probed).isEmpty();
        assertThat(watcher.othersLive()).as("c was live at the last beat before the stop").isTrue();
    }

    @Test
    void aNewcomerAskingForRoomGetsAnExtraStreamClosed() {
        ScriptedOwnership ownership = new ScriptedOwnership("a", "a");
        CountingStreams streams = new CountingStreams();
        streams.extras = 1;
        watcher(ownership, 2, streams);

        ownership.streamWanted.run();
        ownership.streamWanted.run();

        assertThat(streams.count()).isOne();
    }

    private static final class CountingStreams implements ComponentStreams {
        int extras;
        boolean acceptLater;
        boolean opening;

        @Override
        public boolean opening() {
            return opening;
        }

        @Override
        public int count() {
            return 1 + extras;
        }

        @Override
        public void openExtra() {
            extras++;
            opening = acceptLater;
        }

        @Override
        public boolean closeExtra() {
            if (extras == 0) {
                return false;
            }
            extras--;
            return true;
        }
    }

    private ClusterWatcher watcher(ScriptedOwnership ownership, int slots, ComponentStreams streams) {
        return new ClusterWatcher(ownership, "fakenet", probed::add, clock::get, slots, streams);
    }

    private ClusterWatcher watcher(ScriptedOwnership ownership) {
        return new ClusterWatcher(ownership, "fakenet", probed::add, clock::get);
    }
}
