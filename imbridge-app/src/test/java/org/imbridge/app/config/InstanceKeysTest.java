package org.imbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code instance} keys: defaults, values, mistakes named by key, kept when paths are resolved. */
class InstanceKeysTest {

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    private TransportConfig.Instance instance(String lines) throws ConfigException {
        return loader.parse("t.yaml", MinimalConfig.YAML + "instance:\n" + lines).instance();
    }

    @Test
    void withoutTheSectionTheInstanceIsNamedAfterTheHostWithTheDefaultTimings() throws Exception {
        TransportConfig.Instance defaults = loader.parse("t.yaml", MinimalConfig.YAML).instance();

        assertThat(defaults.effectiveName()).matches("[A-Za-z0-9._-]{1,64}");
        String host = java.net.InetAddress.getLocalHost().getHostName();
        assertThat(defaults.effectiveName()).isEqualTo(host.replaceAll("[^A-Za-z0-9._-]", "-")
                .substring(0, Math.min(64, host.length())));
        assertThat(defaults.heartbeat()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.leaseDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.slots()).isEqualTo(1);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        TransportConfig.Instance read = instance("""
                  name: msn-a.example_1
                  heartbeat-interval: 500ms
                  lease: 1m
                  handover-grace: 30s
                  component-number: 3
                """);

        assertThat(read.effectiveName()).isEqualTo("msn-a.example_1");
        assertThat(read.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(read.leaseDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(read.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(read.slots()).isEqualTo(3);
    }

    @Test
    void aNameOutsideTheAllowedCharactersOrLengthNamesTheKey() {
        for (String bad : new String[] {"\"msn a\"", "\"msn/a\"", "\"\"", "x".repeat(65), "\"müller\""}) {
            assertThatThrownBy(() -> instance("  name: " + bad + "\n")).as(bad)
                    .hasMessageContaining("t.yaml: key 'instance.name'")
                    .hasMessageContaining("must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    @Test
    void durationsThatAreNoDurationOrOutOfRangeNameTheKey() {
        String[][] cases = {
                {"heartbeat-interval", "often"}, {"heartbeat-interval", "100ms"}, {"heartbeat-interval", "2m"},
                {"lease", "500ms"}, {"lease", "1h"}, {"handover-grace", "0"}, {"handover-grace", "10m"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> instance("  " + c[0] + ": " + c[1] + "\n")).as(c[0] + ": " + c[1])
                    .hasMessageContaining("key 'instance." + c[0] + "'").hasMessageContaining("'" + c[1] + "'");
        }
    }

    @Test
    void theLeaseMustLastThreeHeartbeats() throws Exception {
        assertThat(instance("  heartbeat-interval: 2s\n  lease: 6s\n").leaseDuration()).isEqualTo(Duration.ofSeconds(6));

        assertThatThrownBy(() -> instance("  heartbeat-interval: 2s\n  lease: 5s\n"))
                .hasMessageContaining("key 'instance.lease' '5s' must be at least three heartbeat intervals (6000 ms)");
    }

    @Test
    void aLongHeartbeatWithTheDefaultLeaseSaysWhichDefaultIsTooShort() {
        assertThatThrownBy(() -> instance("  heartbeat-interval: 5s\n"))
                .hasMessageContaining("key 'instance.lease' 10s (the default) must be at least three heartbeat"
                        + " intervals (15000 ms): set instance.lease");
    }

    @Test
    void componentNumberIsEjabberdsRange() {
        for (String bad : new String[] {"0", "1001"}) {
            assertThatThrownBy(() -> instance("  component-number: " + bad + "\n")).as(bad)
                    .hasMessageContaining("key 'instance.component-number' must be from 1 to 1000");
        }
    }

    @Test
    void anUnknownKeyInTheSectionIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> instance("  heartbeat: 2s\n"))
                .hasMessageContaining("unknown key 'instance.heartbeat'").hasMessageContaining("heartbeat-interval");
    }

    @Test
    void theShippedConfigsCommentedSectionIsValidWithTheDefaultTimings() throws Exception {
        StringBuilder yaml = new StringBuilder();
        boolean section = false;
        for (String line : Files.readAllLines(Path.of("../config/transport.yaml"))) {
            section = section || line.equals("# instance:");
            yaml.append(section && line.startsWith("# ") ? line.substring(2) : line).append('\n');
        }
        TransportConfig.Instance shipped = new ConfigLoader(Map.of("IMBRIDGE_SECRET", "s3cret")::get)
                .parse("transport.yaml", yaml.toString()).instance();

        assertThat(shipped.name()).isEqualTo("imbridge-1");
        assertThat(shipped.slots()).isEqualTo(3);
        assertThat(shipped.heartbeat()).isEqualTo(TransportConfig.Instance.DEFAULTS.heartbeat());
        assertThat(shipped.leaseDuration()).isEqualTo(TransportConfig.Instance.DEFAULTS.leaseDuration());
        assertThat(shipped.grace()).isEqualTo(TransportConfig.Instance.DEFAULTS.grace());
    }

    @Test
    void resolvingRelativePathsKeepsTheInstance(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("transport.yaml");
        Files.writeString(file, MinimalConfig.YAML + "instance:\n  name: msn-b\n  lease: 20s\n");

        TransportConfig loaded = loader.load(file);

        assertThat(loaded.instance().effectiveName()).isEqualTo("msn-b");
        assertThat(loaded.instance().leaseDuration()).isEqualTo(Duration.ofSeconds(20));
    }
}
