package org.imbridge.xmpp.gateway.unsupported;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class NoticeRateLimitTest {

    private final MutableClock clock = new MutableClock();
    private final NoticeRateLimit<String> limit = new NoticeRateLimit<>(2, Duration.ofMinutes(1), 3, clock);

    @Test
    void beyondTheLimitNoticesAreCountedAndTheCountComesWithTheNextAllowed() {
        assertThat(limit.tryAcquire("bob")).hasValue(0);
        assertThat(limit.tryAcquire("bob")).hasValue(0);
        assertThat(limit.tryAcquire("bob")).isEmpty();
        assertThat(limit.tryAcquire("bob")).isEmpty();
        assertThat(limit.tryAcquire("carol")).as("per key").hasValue(0);

        clock.advance(Duration.ofSeconds(61));

        assertThat(limit.tryAcquire("bob")).hasValue(2);
        assertThat(limit.tryAcquire("bob")).hasValue(0);
    }

    @Test
    void keysAreBoundedByForgettingIdleOnesAndNeverRefuseANewKey() {
        limit.tryAcquire("a");
        limit.tryAcquire("b");
        limit.tryAcquire("c");
        assertThat(limit.tryAcquire("d")).as("all recent: allowed untracked").hasValue(0);
        assertThat(limit.keys()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(2));
        assertThat(limit.tryAcquire("d")).hasValue(0);
        assertThat(limit.keys()).isEqualTo(1);
    }

    @Test
    void forgettingAUsersKeys() {
        limit.tryAcquire("romeo/bob");
        limit.tryAcquire("juliet/bob");

        limit.forget(k -> k.startsWith("romeo/"));

        assertThat(limit.keys()).isEqualTo(1);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
