package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@link NoticeLimiter}: one notice per sender and kind per window, with a bounded memory. */
class NoticeLimiterTest {

    private static final long MINUTE = 60_000_000_000L;

    private final NoticeLimiter limiter = new NoticeLimiter(Duration.ofMinutes(1));

    @Test
    void oneNoticePerSenderAndKindPerMinute() {
        assertThat(limiter.tryAcquire("bob@hotmail.com", "wink", 0)).isTrue();
        assertThat(limiter.tryAcquire("BOB@hotmail.com", "wink", MINUTE - 1)).isFalse();
        assertThat(limiter.tryAcquire("bob@hotmail.com", "file", 1)).isTrue();
        assertThat(limiter.tryAcquire("carol@hotmail.com", "wink", 1)).isTrue();
        assertThat(limiter.tryAcquire("bob@hotmail.com", "wink", MINUTE)).isTrue();
    }

    @Test
    void whenFullOnlyExpiredEntriesMakeRoom() {
        for (int i = 0; i < NoticeLimiter.MAX_KEYS; i++) {
            assertThat(limiter.tryAcquire("u" + i + "@hotmail.com", "wink", 0)).isTrue();
        }

        assertThat(limiter.tryAcquire("late@hotmail.com", "wink", 1)).isFalse();
        assertThat(limiter.tryAcquire("late@hotmail.com", "wink", MINUTE)).isTrue();
    }
}
