package org.imbridge.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/** {@code logging.file} rolls over at its size limit instead of growing forever. */
class LogSetupTest {

    @TempDir
    Path dir;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void removeTheFileAppender() {
        Appender<ILoggingEvent> appender = root.getAppender("config-file");
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
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

    private Stream<Path> rolled() throws Exception {
        return Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".gz")).toList().stream();
    }
}
