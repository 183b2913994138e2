package org.imbridge.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JitteredBackoffTest {

    @Test
    void delaysDoubleFromTheMinimumUpToTheMaximumWithJitterBelowEachBound() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(1));
        long[] bounds = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};

        for (long bound : bounds) {
            assertThat(backoff.next().toMillis()).isBetween(bound / 2, bound);
        }
    }

    @Test
    void resetStartsFromTheMinimumAgain() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(2));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(500L, 1000L);
    }

    @Property
    void delayNeverExceedsTheMaximumNorOverflows(@ForAll @IntRange(min = 1, max = 200) int failures,
                                                  @ForAll long seed) {
        Backoff backoff = new Backoff(Duration.ofMillis(7), Duration.ofMillis(1234), new SplittableRandom(seed));
        Duration last = Duration.ZERO;
        for (int i = 0; i < failures; i++) {
            last = backoff.next();
        }
        assertThat(last.toMillis()).isBetween(3L, 1234L);
    }
}
