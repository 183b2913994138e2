package org.imbridge.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void anEmptyMdcGivesTheEmptyContextWhichWrapsNothing() {
        MDC.clear();
        LogContext context = LogContext.capture();
        assertThat(context).isSameAs(LogContext.EMPTY);
        Runnable task = () -> { };
        assertThat(context.wrap(task)).isSameAs(task);
        MDC.put("other", "o");
        context.run(() -> assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("other", "o")));
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("other", "o"));
    }

    @Test
    void ofIsOneEntryOrEmptyWithoutAValue() {
        MDC.put("other", "o");
        LogContext.of("user", "alice@example.org")
                .run(() -> assertThat(MDC.getCopyOfContextMap())
                        .isEqualTo(Map.of("user", "alice@example.org", "other", "o")));
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("other", "o"));
        assertThat(LogContext.of("user", null)).isSameAs(LogContext.EMPTY);
    }

    @Test
    void captureIsASnapshotOfEveryKey() {
        MDC.put("user", "alice@example.org");
        MDC.put("request", "42");
        LogContext context = LogContext.capture();
        MDC.put("user", "bob@example.org");
        assertThat(context.get("user")).isEqualTo("alice@example.org");
        assertThat(context.get("request")).isEqualTo("42");
        assertThat(context.get("missing")).isNull();
        assertThat(context.isEmpty()).isFalse();
    }

    @Test
    void runPutsTheKeysInPlaceAndRestoresWhatWasThereAfterwards() {
        MDC.put("user", "alice@example.org");
        LogContext alice = LogContext.capture();
        MDC.clear();
        MDC.put("other", "o");

        Map<String, String> inside = new HashMap<>();
        alice.run(() -> inside.putAll(MDC.getCopyOfContextMap()));
        assertThat(inside).isEqualTo(Map.of("user", "alice@example.org", "other", "o"));
        assertThat(MDC.getCopyOfContextMap()).as("the key it added is removed again").isEqualTo(Map.of("other", "o"));

        MDC.put("user", "bob@example.org");
        alice.wrap(() -> assertThat(MDC.get("user")).isEqualTo("alice@example.org")).run();
        assertThat(MDC.get("user")).as("a different value is given back").isEqualTo("bob@example.org");
    }

    @Test
    void nestedRunsOfTheSameContextLeaveTheOuterOneInPlace() {
        MDC.put("user", "alice@example.org");
        LogContext alice = LogContext.capture();
        MDC.clear();
        alice.run(() -> {
            alice.run(() -> assertThat(MDC.get("user")).isEqualTo("alice@example.org"));
            assertThat(MDC.get("user")).isEqualTo("alice@example.org");
        });
        assertThat(MDC.get("user")).isNull();
    }

    @Test
    void theContextIsRestoredWhenTheTaskThrows() {
        MDC.put("user", "alice@example.org");
        LogContext alice = LogContext.capture();
        MDC.clear();
        try {
            alice.run(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the point is the MDC afterwards
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
