package org.imbridge.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.app.config.ConfigException;
import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.launcher.logging.RepeatedLogFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading transport.yaml: what applies at once, what needs a restart, and refusing a bad edit. */
class ConfigReloaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "s3cret")::get);

    @Test
    void aGoodEditSwapsAllowlistAdminsAndLimitsAndNamesWhatNeedsARestart() throws Exception {
        Path file = write("allow: [example.org]", "admins: [boss@example.org]", 120, 5347);
        LiveConfig live = new LiveConfig(loader.load(file));
        ConfigReloader reloader = new ConfigReloader(file, loader, live);
        assertThat(live.allowlist().allows("romeo@other.org")).isFalse();

        write("allow: [\"*\"]", "admins: [Boss@Example.org, chief@example.org]", 30, 5348);
        String report = reloader.reload();

        assertThat(live.allowlist().allows("romeo@other.org")).isTrue();
        assertThat(live.admins()).containsExactlyInAnyOrder("boss@example.org", "chief@example.org");
        assertThat(live.limits().messagesPerMinute()).isEqualTo(30);
        assertThat(report).contains("registration.allow is now [*]").contains("limits are now")
                .contains("component changed: takes effect after a restart");
    }

    @Test
    void aBadEditIsRefusedAndTheRunningConfigurationStays() throws Exception {
        Path file = write("allow: [example.org]", "admins: [boss@example.org]", 120, 5347);
        LiveConfig live = new LiveConfig(loader.load(file));
        ConfigReloader reloader = new ConfigReloader(file, loader, live);

        Files.writeString(file, Files.readString(file).replace("messages-per-minute: 120", "messages-per-minute: -1"));
        assertThatThrownBy(reloader::reload).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("limits.messages-per-minute");
        assertThat(live.limits().messagesPerMinute()).isEqualTo(120);

        Files.writeString(file, Files.readString(file) + "surprise: true\n");
        assertThatThrownBy(reloader::reload).hasMessageContaining("unknown key 'surprise'");
        assertThat(live.admins()).containsExactly("boss@example.org");
    }

    @Test
    void revertingARestartOnlyKeyIsComparedWithWhatRuns() throws Exception {
        Path file = write("allow: [example.org]", "admins: []", 120, 5347);
        ConfigReloader reloader = new ConfigReloader(file, loader, new LiveConfig(loader.load(file)));

        write("allow: [example.org]", "admins: []", 120, 5348);
        assertThat(reloader.reload()).contains("component changed: takes effect after a restart");
        assertThat(reloader.reload()).as("still not what runs").contains("component changed: takes effect after a restart");

        write("allow: [example.org]", "admins: []", 120, 5347);
        String reverted = reloader.reload();
        assertThat(reverted).doesNotContain("restart").contains("component is back to what runs");
        assertThat(reloader.reload()).endsWith("nothing changed.");
    }

    @Test
    void theInstanceSectionNeedsARestart() throws Exception {
        Path file = write("allow: [example.org]", "admins: []", 120, 5347);
        LiveConfig live = new LiveConfig(loader.load(file));
        ConfigReloader reloader = new ConfigReloader(file, loader, live);

        Files.writeString(file, Files.readString(file) + "instance: {name: msn-2, lease: 20s}\n");

        assertThat(reloader.reload()).contains("instance changed: takes effect after a restart");
    }

    @Test
    void theLogLevelFollowsTheFile() throws Exception {
        Path file = write("allow: [example.org]", "admins: []", 120, 5347);
        ConfigReloader reloader = new ConfigReloader(file, loader, new LiveConfig(loader.load(file)));
        ch.qos.logback.classic.Logger imbridge = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.imbridge");
        ch.qos.logback.classic.Level before = imbridge.getLevel();
        try {
            Files.writeString(file, Files.readString(file) + "logging: {level: debug}\n");
            assertThat(reloader.reload()).contains("logging.level is now debug");
            assertThat(imbridge.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
        } finally {
            imbridge.setLevel(before);
        }
    }

    @Test
    void theLimitOnRepeatedLinesFollowsTheFile() throws Exception {
        Path file = write("allow: [example.org]", "admins: []", 120, 5347);
        ConfigReloader reloader = new ConfigReloader(file, loader, new LiveConfig(loader.load(file)));
        RepeatedLogFilter filter = LogSetup.repeatsPerMinute(5, java.time.InstantSource.system()).orElseThrow();
        try {
            Files.writeString(file, Files.readString(file) + "logging: {repeats-per-minute: 0}\n");
            assertThat(reloader.reload()).contains("logging.repeats-per-minute is now 0");
            assertThat(filter.getRepeatsPerMinute()).isZero();
        } finally {
            ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
                    .getTurboFilterList().remove(filter);
            filter.stop();
        }
    }

    @Test
    void aChangedFileIsNoticedByTheWatch() throws Exception {
        Path file = write("allow: [example.org]", "admins: []", 120, 5347);
        LiveConfig live = new LiveConfig(loader.load(file));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ConfigReloader reloader = new ConfigReloader(file, loader, live)) {
            reloader.watch(scheduler, Duration.ofMillis(20));
            write("allow: [example.org]", "admins: [new@example.org]", 120, 5347);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            await().atMost(Duration.ofSeconds(5)).until(() -> live.admins().contains("new@example.org"));
        } finally {
            scheduler.shutdownNow();
        }
    }

    private Path write(String allow, String admins, int perMinute, int port) throws Exception {
        Path file = dir.resolve("transport.yaml");
        Files.writeString(file, """
                component: {jid: msn.example.org, host: 127.0.0.1, port: %d, secret: "${SECRET}"}
                msn: {host: 127.0.0.1, port: 1863}
                storage: {url: "jdbc:h2:mem:x", key-file: /tmp/key}
                registration:
                  %s
                %s
                limits:
                  messages-per-minute: %d
                """.formatted(port, allow, admins, perMinute));
        return file;
    }
}
