package org.imbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code component.startup-timeout}, the {@code logging} rotation keys and
 * {@code logging.repeats-per-minute}: defaults, values, mistakes.
 */
class StartupAndRotationKeysTest {

    private static final String MINIMAL = MinimalConfig.YAML;

    private final ConfigLoader loader = new ConfigLoader(Map.of("IMBRIDGE_SECRET", "from-env")::get);

    private TransportConfig withStartup(String value) throws ConfigException {
        return loader.parse("t.yaml", MINIMAL.replace("  secret: s3cret\n", "  secret: s3cret\n  startup-timeout: "
                + value + "\n"));
    }

    @Test
    void startupTimeoutDefaultsToForeverAndReadsDurations() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).component().startupWait()).isEmpty();
        assertThat(withStartup("forever").component().startupWait()).isEmpty();
        assertThat(withStartup("0").component().startupWait()).isEmpty();
        assertThat(withStartup("90s").component().startupWait()).contains(Duration.ofSeconds(90));
        assertThat(withStartup("5m").component().startupWait()).contains(Duration.ofMinutes(5));
        assertThat(withStartup("1h").component().startupWait()).contains(Duration.ofHours(1));
        assertThat(loader.load(Path.of("../config/transport.yaml")).component().startupWait()).isEmpty();
    }

    @Test
    void aStartupTimeoutThatIsNotADurationNamesTheKey() {
        assertThatThrownBy(() -> withStartup("soon"))
                .hasMessageContaining("key 'component.startup-timeout'").hasMessageContaining("'soon'")
                .hasMessageContaining("90s");
        assertThatThrownBy(() -> withStartup("60")).hasMessageContaining("key 'component.startup-timeout'");
    }

    @Test
    void logRotationHasDefaultsAndChecksItsValues() throws Exception {
        TransportConfig.Logging defaults = loader.parse("t.yaml", MINIMAL).logging();
        assertThat(defaults.maxFileSize()).isEqualTo("10MB");
        assertThat(defaults.maxDays()).isEqualTo(14);
        assertThat(defaults.totalSizeCap()).isEqualTo("1GB");
        TransportConfig.Logging set = loader.parse("t.yaml", MINIMAL
                + "logging:\n  max-file-size: 50MB\n  max-days: 30\n  total-size-cap: 5GB\n").logging();
        assertThat(set).extracting(TransportConfig.Logging::maxFileSize, TransportConfig.Logging::maxDays,
                TransportConfig.Logging::totalSizeCap).containsExactly("50MB", 30, "5GB");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "logging:\n  max-file-size: big\n"))
                .hasMessageContaining("key 'logging.max-file-size' 'big' is not a size like 10MB");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "logging:\n  max-days: 0\n"))
                .hasMessageContaining("key 'logging.max-days' must be a positive number");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "logging:\n  total-size-cap: 1 tonne\n"))
                .hasMessageContaining("key 'logging.total-size-cap'");
    }

    @Test
    void repeatsPerMinuteDefaultsToFiveAndZeroTurnsItOff() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).logging().repeatsPerMinute()).isEqualTo(5);
        assertThat(loader.load(Path.of("../config/transport.yaml")).logging().repeatsPerMinute()).isEqualTo(5);
        assertThat(loader.parse("t.yaml", MINIMAL + "logging:\n  repeats-per-minute: 0\n").logging()
                .repeatsPerMinute()).isZero();
        assertThat(loader.parse("t.yaml", MINIMAL + "logging:\n  repeats-per-minute: 20\n").logging()
                .repeatsPerMinute()).isEqualTo(20);
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "logging:\n  repeats-per-minute: -1\n"))
                .hasMessageContaining("key 'logging.repeats-per-minute' must be 0 (log every line)");
    }
}
