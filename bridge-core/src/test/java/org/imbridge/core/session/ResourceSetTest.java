package org.imbridge.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.junit.jupiter.api.Test;

class ResourceSetTest {

    @Test
    void highestPriorityThenMostAvailableWins() {
        ResourceSet set = new ResourceSet();
        assertThat(set.combined()).isEmpty();
        set.update("phone", Presence.of(PresenceShow.AWAY), 0);
        set.update("desk", Presence.of(PresenceShow.DND), 5);
        assertThat(set.combined()).contains(Presence.of(PresenceShow.DND));
        set.update("laptop", Presence.of(PresenceShow.AVAILABLE), 5);
        assertThat(set.combined()).contains(Presence.of(PresenceShow.AVAILABLE));
        set.update("laptop", Presence.UNAVAILABLE, 5);
        set.remove("desk");
        assertThat(set.combined()).contains(Presence.of(PresenceShow.AWAY));
        set.remove("phone");
        assertThat(set.isEmpty()).isTrue();
    }

    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        Duration first = b.next();
        assertThat(first).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        Duration second = b.next();
        assertThat(second).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        b.next();
        b.next();
        for (int i = 0; i < 30; i++) {
            assertThat(b.next()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        }
        b.reset();
        assertThat(b.next()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }
}
