package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.imbridge.core.model.ChatState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typing notices to COMPOSING / PAUSED, on a real timer with a short expiry. */
class IncomingTypingTest {

    private static final Duration EXPIRY = Duration.ofMillis(50);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final IncomingTyping typing = new IncomingTyping(timer, EXPIRY, (h, s) -> reported.add(h + " " + s));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void repeatedNoticesAreOneComposingAndOnePausedAfterTheLast() {
        typing.noticeFrom("bob@hotmail.com");
        typing.noticeFrom("bob@hotmail.com");
        typing.noticeFrom("BOB@hotmail.com");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reported.size() == 2);
        assertThat(reported).containsExactly("bob@hotmail.com " + ChatState.COMPOSING, "BOB@hotmail.com " + ChatState.PAUSED);
    }

    @Test
    void aMessageEndsTypingWithoutPaused() throws Exception {
        typing.noticeFrom("bob@hotmail.com");
        typing.messageFrom("bob@hotmail.com");

        afterTheExpiryWouldHaveRun();
        assertThat(reported).containsExactly("bob@hotmail.com " + ChatState.COMPOSING);
    }

    @Test
    void contactsAreTrackedSeparately() {
        typing.noticeFrom("bob@hotmail.com");
        typing.noticeFrom("carol@hotmail.com");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reported.size() == 4);
        assertThat(reported).containsExactlyInAnyOrder("bob@hotmail.com COMPOSING", "carol@hotmail.com COMPOSING",
                "bob@hotmail.com PAUSED", "carol@hotmail.com PAUSED");
    }

    @Test
    void afterStopNothingIsReported() throws Exception {
        typing.noticeFrom("bob@hotmail.com");
        typing.stop();
        typing.noticeFrom("carol@hotmail.com");

        afterTheExpiryWouldHaveRun();
        assertThat(reported).containsExactly("bob@hotmail.com COMPOSING");
    }

    /** The timer has one thread and runs tasks by due time: once this later task ran, the expiry would have. */
    private void afterTheExpiryWouldHaveRun() throws Exception {
        timer.schedule(() -> { }, EXPIRY.toMillis() * 2, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }
}
