package org.imbridge.app.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The first lines of a condition each minute, then one line with the exact count of the rest. */
class RepeatedLogFilterTest {

    private static final String REFUSED = "refused a <{}> from {}: {}";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
    private final InstantSource clock = now::get;
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RepeatedLogFilter filter;
    private Logger log;

    @BeforeEach
    void start() {
        lines.setContext(context);
        lines.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(lines);
        filter = new RepeatedLogFilter(clock);
        filter.setContext(context);
        filter.setRepeatsPerMinute(5);
        filter.start();
        context.addTurboFilter(filter);
        log = context.getLogger("org.imbridge.xmpp.stream.StanzaRefusals");
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theFirstLinesOfAMinutePassAndOneLineCountsTheRestWhenTheMinuteIsOver() {
        for (int i = 0; i < 4_218; i++) {
            log.warn(REFUSED, "message", "mallory" + i + "@evil", "too large");
        }
        assertThat(messages()).hasSize(5).allMatch(m -> m.startsWith("refused a <message> from mallory"));

        advance(Duration.ofSeconds(59));
        filter.flush();
        assertThat(messages()).as("the minute is not over yet").hasSize(5);

        advance(Duration.ofSeconds(1));
        filter.flush();
        assertThat(lines.list).hasSize(6);
        ILoggingEvent summary = lines.list.get(5);
        assertThat(summary.getFormattedMessage())
                .isEqualTo("… and 4,213 more like this in the last 60 s: refused a <{}> from {}: {}");
        assertThat(summary.getLevel()).isEqualTo(Level.WARN);
        assertThat(summary.getLoggerName()).isEqualTo(log.getName());

        filter.flush();
        assertThat(lines.list).as("a count is logged once").hasSize(6);
    }

    @Test
    void aNewMinuteLetsTheFirstLinesThroughAgainAfterTheCountOfTheLastOne() {
        for (int i = 0; i < 7; i++) {
            log.warn(REFUSED, "iq", "a@b", "too deep");
        }
        advance(Duration.ofSeconds(61));
        for (int i = 0; i < 6; i++) {
            log.warn(REFUSED, "presence", "a@b", "too deep");
        }

        assertThat(messages()).containsExactly(
                "refused a <iq> from a@b: too deep", "refused a <iq> from a@b: too deep",
                "refused a <iq> from a@b: too deep", "refused a <iq> from a@b: too deep",
                "refused a <iq> from a@b: too deep",
                "… and 2 more like this in the last 60 s: refused a <{}> from {}: {}",
                "refused a <presence> from a@b: too deep", "refused a <presence> from a@b: too deep",
                "refused a <presence> from a@b: too deep", "refused a <presence> from a@b: too deep",
                "refused a <presence> from a@b: too deep");
    }

    @Test
    void conditionsDoNotSuppressEachOther() {
        Logger other = context.getLogger("org.imbridge.core.session.BridgedUser");
        for (int i = 0; i < 20; i++) {
            log.warn(REFUSED, "message", "a@b", "too large");
            log.error(REFUSED, "message", "a@b", "too large"); // another level
            other.warn(REFUSED, "message", "a@b", "too large"); // another logger
            log.warn("login of {} failed", "x"); // another pattern
        }

        assertThat(lines.list).hasSize(20);
        advance(Duration.ofSeconds(60));
        filter.flush();
        assertThat(lines.list).hasSize(24);
        assertThat(lines.list.subList(20, 24)).extracting(ILoggingEvent::getFormattedMessage)
                .allMatch(m -> m.startsWith("… and 15 more like this in the last 60 s: "));
        assertThat(lines.list.subList(20, 24)).extracting(ILoggingEvent::getLevel)
                .containsOnly(Level.WARN, Level.ERROR);
    }

    @Test
    void theCountIsLoggedByTheTimerWhenTheFloodStops() {
        for (int i = 0; i < 9; i++) {
            log.warn(REFUSED, "message", "a@b", "too large");
        }
        now.set(now.get().plus(Duration.ofMinutes(5)));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> messages().contains("… and 4 more like this in the last 60 s: " + REFUSED));
    }

    @Test
    void atMostAThousandConditionsAreTrackedAndOneThatGivesWayStillHasItsCountLogged() {
        for (int i = 0; i < 6; i++) {
            log.warn("the first condition {}", i);
        }
        advance(Duration.ofSeconds(10));
        for (int i = 0; i < RepeatedLogFilter.MAX_CONDITIONS + 500; i++) {
            log.info("condition number " + i + " of {}", "many");
        }

        assertThat(filter.conditions()).isEqualTo(RepeatedLogFilter.MAX_CONDITIONS);
        assertThat(messages()).contains("… and 1 more like this in the last 10 s: the first condition {}");
    }

    @Test
    void zeroLogsEveryLineAndDisabledLevelsAreNotCounted() {
        for (int i = 0; i < 50; i++) {
            log.debug(REFUSED, "message", "a@b", "too large"); // below INFO: no line, no count
        }
        assertThat(filter.conditions()).isZero();

        filter.setRepeatsPerMinute(0);
        for (int i = 0; i < 50; i++) {
            log.warn(REFUSED, "message", "a@b", "too large");
        }
        assertThat(lines.list).hasSize(50);
    }

    @Test
    void beforeExitingTheCountsOfMinutesNotOverYetAreLogged() {
        for (int i = 0; i < 8; i++) {
            log.warn(REFUSED, "message", "a@b", "too large");
        }
        advance(Duration.ofSeconds(30));

        filter.flushAll();

        assertThat(messages()).hasSize(6).last().isEqualTo("… and 3 more like this in the last 30 s: " + REFUSED);
        filter.stop();
        assertThat(messages()).as("counted once").hasSize(6);
    }

    private void advance(Duration by) {
        now.set(now.get().plus(by));
    }

    private List<String> messages() {
        synchronized (lines) { // the timer's thread appends under this lock
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
