package org.imbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code storage.removal-poll-interval}: default, values, mistakes, kept when paths are resolved. */
class RemovalPollKeyTest {

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    private TransportConfig withPoll(String value) throws ConfigException {
        return loader.parse("t.yaml", yaml(value));
    }

    private static String yaml(String value) {
        return MinimalConfig.YAML + "  removal-poll-interval: " + value + "\n";
    }

    @Test
    void defaultsToTwoSecondsAndReadsDurations() throws Exception {
        assertThat(loader.parse("t.yaml", MinimalConfig.YAML).storage().removalPoll()).isEqualTo(Duration.ofSeconds(2));
        assertThat(withPoll("500ms").storage().removalPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(withPoll("10s").storage().removalPoll()).isEqualTo(Duration.ofSeconds(10));
        assertThat(withPoll("1m").storage().removalPoll()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void valuesThatAreNoDurationOrOutOfRangeNameTheKey() {
        for (String bad : new String[] {"soon", "0", "forever", "50ms", "2h"}) {
            assertThatThrownBy(() -> withPoll(bad)).as(bad)
                    .hasMessageContaining("key 'storage.removal-poll-interval'").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void resolvingRelativePathsKeepsTheInterval(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("transport.yaml");
        Files.writeString(file, yaml("750ms"));

        TransportConfig loaded = loader.load(file);

        assertThat(loaded.storage().removalPoll()).isEqualTo(Duration.ofMillis(750));
        assertThat(loaded.storage().keyFile()).isEqualTo(dir.resolve("data/key").normalize().toString());
    }
}
