package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PingSpreadTest {

    @Test
    void aConnectionPingsNoLaterThanConfiguredAndNoEarlierThanThreeQuarters() {
        assertThat(NotificationConnection.spreadPingInterval(45_000, 0.0)).isEqualTo(45_000);
        assertThat(NotificationConnection.spreadPingInterval(45_000, 0.5)).isEqualTo(39_375);
        assertThat(NotificationConnection.spreadPingInterval(45_000, Math.nextDown(1.0))).isEqualTo(33_751);
        assertThat(NotificationConnection.spreadPingInterval(1, 0.99)).as("never zero").isEqualTo(1);
    }

    @Test
    void connectionsThatLogInTogetherPingAtManyDifferentIntervals() {
        Random random = new Random(7);
        Set<Long> intervals = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            intervals.add(NotificationConnection.spreadPingInterval(45_000, random.nextDouble()));
        }
        assertThat(intervals).hasSizeGreaterThan(900).allSatisfy(ms -> assertThat(ms).isBetween(33_750L, 45_000L));
    }
}
