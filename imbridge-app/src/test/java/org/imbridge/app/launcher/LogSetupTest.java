package org.imbridge.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.imbridge.app.launcher.logging.RepeatedLogFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;

/**
 * {@code logging.file} rolls over at its size limit instead of growing forever; a flood is a few lines
 * and a count there too, and in every set-up that starts from the shipped {@code logback.xml}; every
 * line names the instance, in the shipped layout too.
 */
class LogSetupTest {

    @TempDir
    Path dir;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private RepeatedLogFilter repeats;

    @AfterEach
    void removeTheFileAppender() {
        Appender<ILoggingEvent> appender = root.getAppender("config-file");
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        if (repeats != null) {
            root.getLoggerContext().getTurboFilterList().remove(repeats);
            repeats.stop();
        }
        LogSetup.instance("");
        MDC.clear();
    }

    @Test
    void everyLineNamesTheInstanceAndALineAboutAUserAlsoTheUser() throws Exception {
        Path file = dir.resolve("imbridge.log");
        LogSetup.alsoToFile(file, "10MB", 14, "1GB");
        org.slf4j.Logger log = LoggerFactory.getLogger("org.imbridge.instance-test");
        LogSetup.instance(""); // as before imbridge run names it (another test of this JVM may have)
        log.info("before the config is read");
        LogSetup.instance("msn-a");
        log.info("the transport starts");
        MDC.put("user", "romeo@example.org");
        log.warn("romeo's login failed");

        assertThat(Files.readAllLines(file)).filteredOn(line -> line.contains("org.imbridge.instance-test"))
                .satisfiesExactly(
                        before -> assertThat(before).matches(STAMP + " INFO  \\[[^]]+] org.imbridge.instance-test"
                                + " - before the config is read"),
                        named -> assertThat(named).matches(STAMP + " INFO  msn-a \\[[^]]+] org.imbridge.instance-test"
                                + " - the transport starts"),
                        user -> assertThat(user).matches(STAMP + " WARN  msn-a \\[[^]]+] org.imbridge.instance-test"
                                + " \\[romeo@example.org] - romeo's login failed"));
    }

    @Test
    void theShippedLogbackXmlWritesLinesAsTheLaunchersOwnSetUp() throws Exception {
        URL shipped = Path.of("src/main/resources/logback.xml").toUri().toURL();
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(shipped);

            var stderr = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(LogSetup.PATTERN);
        } finally {
            context.stop();
        }
    }

    @Test
    void aFloodIsFiveLinesAndOneCountInTheLogFile() throws Exception {
        Path file = dir.resolve("imbridge.log");
        LogSetup.alsoToFile(file, "10MB", 14, "1GB");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        repeats = LogSetup.repeatsPerMinute(5, now::get).orElseThrow();
        org.slf4j.Logger log = LoggerFactory.getLogger("org.imbridge.flood-test");
        for (int i = 0; i < 1_000; i++) {
            log.warn("cannot parse line {} from the MSN server", i);
        }

        now.set(now.get().plus(Duration.ofSeconds(60)));
        repeats.flush();

        assertThat(Files.readAllLines(file)).filteredOn(line -> line.contains("org.imbridge.flood-test"))
                .hasSize(6).last().asString().contains(" WARN ")
                .endsWith(" org.imbridge.flood-test - … and 995 more like this in the last 60 s: "
                        + "cannot parse line {} from the MSN server");
    }

    @Test
    void theShippedLogbackXmlInstallsTheFilterWithFiveLinesAMinute() throws Exception {
        URL shipped = Path.of("src/main/resources/logback.xml").toUri().toURL();
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(shipped);

            assertThat(context.getTurboFilterList()).singleElement().isInstanceOfSatisfying(RepeatedLogFilter.class,
                    f -> assertThat(f).extracting(RepeatedLogFilter::getRepeatsPerMinute, RepeatedLogFilter::isStarted)
                            .containsExactly(5, true));
        } finally {
            context.stop();
        }
    }

    @Test
    void theLogFileIsRolledIntoACompressedFileAtItsMaximumSize() throws Exception {
        Path file = dir.resolve("imbridge.log");
        LogSetup.alsoToFile(file, "2KB", 14, "1MB");
        org.slf4j.Logger log = LoggerFactory.getLogger("org.imbridge.rotation-test");
        for (int i = 0; i < 200; i++) {
            log.info("line {} of a log that must not grow without bound: {}", i, "x".repeat(40));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> rolled().findAny().isPresent());
        assertThat(rolled()).allSatisfy(p -> assertThat(p.getFileName().toString())
                .matches("imbridge\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.gz"));
        assertThat(Files.size(file)).as("the live file was started again").isLessThan(4 * 1024);
        assertThat(Files.readString(file)).contains("line 199 of a log");
    }

    private static final String STAMP = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}";

    private Stream<Path> rolled() throws Exception {
        return Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".gz")).toList().stream();
    }
}
