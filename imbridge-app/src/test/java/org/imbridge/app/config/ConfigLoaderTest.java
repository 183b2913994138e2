package org.imbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = MinimalConfig.YAML;

    private final ConfigLoader loader = new ConfigLoader(Map.of("IMBRIDGE_SECRET", "from-env")::get);

    @Test
    void theShippedExampleIsValid() throws Exception {
        TransportConfig config = loader.load(Path.of("../config/transport.yaml"));
        assertThat(config.component().jid()).isEqualTo("msn.localhost");
        assertThat(config.component().resolvedSecret()).isEqualTo("from-env");
        assertThat(config.registration().allow()).containsExactly("*");
        assertThat(config.limits().maxUsers()).isEqualTo(10000);
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(ConfigPaths.h2DatabaseFile(config.storage().url())).contains(root.resolve("data/imbridge.mv.db"));
        assertThat(config.storage().keyFile()).isEqualTo(root.resolve("data/password.key").toString());
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
    void msnFileTransferKeysAreOptionalAndChecked() throws Exception {
        assertThat(loader.parse("t.yaml", MINIMAL).msnSettings()).doesNotContainKeys("file-transfer-bind",
                "file-transfer-advertised-host", "file-transfer-ports");
        TransportConfig all = loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n", "  port: 1863\n"
                + "  file-transfer-bind: 127.0.0.1\n  file-transfer-advertised-host: 203.0.113.7\n"
                + "  file-transfer-ports: 7000-7009\n"));
        assertThat(all.msnSettings()).containsEntry("file-transfer-bind", "127.0.0.1")
                .containsEntry("file-transfer-advertised-host", "203.0.113.7")
                .containsEntry("file-transfer-ports", "7000-7009");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n",
                "  port: 1863\n  file-transfer-bind: example.org\n")))
                .hasMessageContaining("key 'msn.file-transfer-bind' must be an IP address");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n",
                "  port: 1863\n  file-transfer-ports: 7000-6000\n")))
                .hasMessageContaining("key 'msn.file-transfer-ports' must be a port range like 6891-6900");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("  port: 1863\n",
                "  port: 1863\n  file-transfer-advertised-host: \"a b\"\n")))
                .hasMessageContaining("key 'msn.file-transfer-advertised-host'");
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

    @Test
    void relativePathsAreRelativeToTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(conf.resolve("secret"), "s3cret\n");
        Path file = conf.resolve("transport.yaml");
        Files.writeString(file, MINIMAL.replace("  secret: s3cret\n", "  secret-file: secret\n")
                .replace("jdbc:h2:file:./data/imbridge", "jdbc:h2:file:../data/imbridge;MODE=PostgreSQL")
                .replace("key-file: ./data/key", "key-file: data/password.key")
                + "logging: {file: imbridge.log}\n");

        TransportConfig config = loader.load(file);

        assertThat(config.storage().url()).isEqualTo("jdbc:h2:file:" + dir.resolve("data/imbridge") + ";MODE=PostgreSQL");
        assertThat(config.storage().keyFile()).isEqualTo(conf.resolve("data/password.key").toString());
        assertThat(config.component().resolvedSecret()).isEqualTo("s3cret");
        assertThat(config.logging().file()).isEqualTo(conf.resolve("imbridge.log").toString());
        assertThat(ConfigPaths.h2DatabaseFile(config.storage().url())).contains(dir.resolve("data/imbridge.mv.db"));
    }

    @Test
    void resolvingPathsKeepsEveryOtherKeyOfTheirSections(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("transport.yaml");
        Files.writeString(file, MINIMAL.replace("  secret: s3cret\n", "  secret-file: secret.txt\n  startup-timeout: 90s\n")
                + "logging:\n  level: debug\n  file: imbridge.log\n  max-days: 3\n");
        Files.writeString(dir.resolve("secret.txt"), "s3cret");

        TransportConfig config = loader.load(file);

        assertThat(config.component().secretFile()).isEqualTo(dir.resolve("secret.txt").toString());
        assertThat(config.component().startupWait()).contains(java.time.Duration.ofSeconds(90));
        assertThat(config.logging().file()).isEqualTo(dir.resolve("imbridge.log").toString());
        assertThat(config.logging().level()).isEqualTo("debug");
        assertThat(config.logging().maxDays()).isEqualTo(3);
    }

    @Test
    void absoluteInMemoryAndServerUrlsAreLeftAsTheyAre(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("transport.yaml");
        for (String url : new String[] {"jdbc:h2:file:/var/lib/imbridge/db", "jdbc:h2:mem:test",
                "jdbc:h2:tcp://db/imbridge", "jdbc:postgresql://db.example.org/imbridge"}) {
            Files.writeString(file, MINIMAL.replace("jdbc:h2:file:./data/imbridge", url)
                    .replace("key-file: ./data/key", "key-file: /etc/imbridge/password.key"));
            TransportConfig config = loader.load(file);
            assertThat(config.storage().url()).isEqualTo(url);
            assertThat(config.storage().keyFile()).isEqualTo("/etc/imbridge/password.key");
        }
        Files.writeString(file, MINIMAL.replace("jdbc:h2:file:./data/imbridge", "jdbc:h2:file:~/imbridge/db")
                .replace("key-file: ./data/key", "key-file: ~/imbridge/password.key"));
        TransportConfig home = loader.load(file);
        Path userHome = Path.of(System.getProperty("user.home"));
        assertThat(home.storage().keyFile()).isEqualTo(userHome.resolve("imbridge/password.key").toString());
        assertThat(ConfigPaths.h2DatabaseFile(home.storage().url())).contains(userHome.resolve("imbridge/db.mv.db"));
        assertThat(ConfigPaths.h2DatabaseFile("jdbc:h2:mem:test")).isEmpty();
        assertThat(ConfigPaths.h2DatabaseFile("jdbc:postgresql://db/x")).isEmpty();
    }

    @Test
    void jidsAreCheckedWithTheXmppRulesAndNameTheKey() throws Exception {
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("jid: msn.example.org", "jid: \"msn example org\"")))
                .hasMessageStartingWith("t.yaml: key 'component.jid'").hasMessageContaining("'msn example org'")
                .hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("jid: msn.example.org", "jid: admin@msn.example.org")))
                .hasMessageStartingWith("t.yaml: key 'component.jid'");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "registration:\n  allow: [example.org, \"not a jid@@\"]\n"))
                .hasMessageStartingWith("t.yaml: key 'registration.allow[1]'").hasMessageContaining("'not a jid@@'");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "registration:\n  allow: [\"bad domain.org\"]\n"))
                .hasMessageStartingWith("t.yaml: key 'registration.allow[0]'");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "admins: [boss@example.org, \"boss@example.org/phone\"]\n"))
                .hasMessageStartingWith("t.yaml: key 'admins[1]'").hasMessageContaining("/resource");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "admins: [\"boss@bad host\"]\n"))
                .hasMessageStartingWith("t.yaml: key 'admins[0]'");

        TransportConfig good = loader.parse("t.yaml", MINIMAL + """
                registration:
                  allow: ["*", example.org, "*@*.example.org", alice@example.org, "*.example.net"]
                admins: [Boss@Example.org]
                """);
        assertThat(good.registration().allow()).hasSize(5);
    }

    @Test
    void valuesOfTheWrongKindAreSaidInWords() {
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "limits:\n  max-message-bytes: lots\n"))
                .hasMessage("t.yaml: key 'limits.max-message-bytes': expected a whole number, got \"lots\"");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "registration:\n  allow: example.org\n"))
                .hasMessageStartingWith("t.yaml: key 'registration.allow': expected a list")
                .hasMessageEndingWith("got \"example.org\"");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "limits: 5\n"))
                .hasMessageStartingWith("t.yaml: key 'limits': expected a section").hasMessageEndingWith("got 5");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "admins: {boss: example.org}\n"))
                .hasMessageStartingWith("t.yaml: key 'admins': expected a list").hasMessageEndingWith("got a section");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL.replace("jid: msn.example.org", "jid: [a, b]")))
                .hasMessageStartingWith("t.yaml: key 'component.jid': expected a single value")
                .hasMessageEndingWith("got a list");
        assertThatThrownBy(() -> loader.parse("t.yaml", MINIMAL + "limits:\n  max-users: lots\n"))
                .message().doesNotContain("java.").doesNotContain("Cannot ");
    }

    @Test
    void aVariableSetButEmptyIsToldApartFromAMissingOne() {
        ConfigLoader empty = new ConfigLoader(Map.of("IMBRIDGE_SECRET", "")::get);
        assertThatThrownBy(() -> empty.parse("t.yaml", MINIMAL.replace("s3cret", "${IMBRIDGE_SECRET}")))
                .hasMessage("t.yaml: key 'component.secret' uses ${IMBRIDGE_SECRET}, and that environment variable "
                        + "is set but empty");
    }

    @Test
    void commandsThatDoNotConnectNeedNoSecret() throws Exception {
        String unset = MINIMAL.replace("s3cret", "${NOT_SET_ANYWHERE}");
        assertThat(loader.withoutSecret().parse("t.yaml", unset).storage().keyFile()).isEqualTo("./data/key");
        assertThat(loader.withoutSecret().parse("t.yaml", MINIMAL.replace("  secret: s3cret\n", ""))).isNotNull();
        assertThatThrownBy(() -> loader.parse("t.yaml", unset)).hasMessageContaining("NOT_SET_ANYWHERE");
        assertThatThrownBy(() -> loader.withoutSecret().parse("t.yaml", MINIMAL.replace("${X}", "")
                .replace("  port: 1863\n", "  port: ${NOT_SET_ANYWHERE}\n")))
                .hasMessageContaining("key 'msn.port' uses ${NOT_SET_ANYWHERE}");
    }
}
