package org.imbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            component:
              jid: msn.example.org
              host: 127.0.0.1
              port: 5347
              secret: s3cret
            msn:
              host: 127.0.0.1
              port: 1863
            storage:
              url: jdbc:h2:file:./data/imbridge
              key-file: ./data/key
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of("IMBRIDGE_SECRET", "from-env")::get);

    @Test
    void theShippedExampleIsValid() throws Exception {
        TransportConfig config = loader.load(Path.of("../config/transport.yaml"));
        assertThat(config.component().jid()).isEqualTo("msn.localhost");
        assertThat(config.component().resolvedSecret()).isEqualTo("from-env");
        assertThat(config.registration().allow()).containsExactly("*");
        assertThat(config.limits().maxUsers()).isEqualTo(10000);
    }

    @Test
    void defaultsFillWhatIsLeftOut() throws Exception {
        TransportConfig config = loader.parse("t.yaml", MINIMAL);
        assertThat(config.admins()).isEmpty();
        assertThat(config.registration().allow()).containsExactly("*");
        assertThat(config.limits()).isEqualTo(TransportConfig.Limits.DEFAULTS);
    }

    @Test
    void unknownKeysAreErrorsNamingTheKey() {
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("port: 5347", "port: 5347\n  hots: x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml")
                .hasMessageContaining("unknown key 'component.hots'");
    }

    @Test
    void missingAndWrongValuesNameTheKey() {
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n", "  port: 99999\n")))
                .hasMessageContaining("key 'msn.port' 99999 is not a port number");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  secret: s3cret\n", "")))
                .hasMessageContaining("key 'component.secret' is missing");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("port: 5347", "port: many")))
                .hasMessageContaining("key 'component.port'");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "admins: [\"not a jid@@\"]\n"))
                .hasMessageContaining("key 'admins[0]'");
        assertThatThrownBy(() -> loader.parse("t.yaml", "just text"))
                .hasMessageContaining("not a YAML mapping");
    }

    @Test
    void msnIoThreadsAreOptionalAndChecked() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).msnSettings()).doesNotContainKey("io-threads");
        TransportConfig one = loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n", "  port: 1863\n  io-threads: 1\n"));
        assertThat(one.msnSettings()).containsEntry("io-threads", "1");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n", "  port: 1863\n  io-threads: 0\n")))
                .hasMessageContaining("key 'msn.io-threads' must be between 1 and 64");
    }

    @Test
    void msnAllowedReferralsAreOptionalAndChecked() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).msnSettings()).doesNotContainKey("allowed-referrals");
        TransportConfig two = loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n",
                "  port: 1863\n  allowed-referrals: [\"10.0.0.0/8\", \"sb.example.net\"]\n"));
        assertThat(two.msnSettings()).containsEntry("allowed-referrals", "10.0.0.0/8,sb.example.net");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n",
                "  port: 1863\n  allowed-referrals: [\"10.0.0.0/40\"]\n")))
                .hasMessageContaining("key 'msn.allowed-referrals'").hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n",
                "  port: 1863\n  allowed-referrals: [\"a,b\"]\n")))
                .hasMessageContaining("key 'msn.allowed-referrals'");
    }

    @Test
    void startupProbeRateIsReadAndChecked() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).limits().startupProbesPerSecond()).isEqualTo(100);
        assertThat(loader.parse("t.yaml", MINIMAL + "limits:\n  startup-probes-per-second: 20\n")
                .limits().startupProbesPerSecond()).isEqualTo(20);
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "limits:\n  startup-probes-per-second: 0\n"))
                .hasMessageContaining("key 'limits.startup-probes-per-second' must be a number from 1 to 100000");
    }

    @Test
    void unsetEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("s3cret", "${NOT_SET_ANYWHERE}")))
                .hasMessageContaining("key 'component.secret' uses ${NOT_SET_ANYWHERE}");
    }
}
