package org.imbridge.app.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.launcher.TransportFactory;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.store.RegistrationStores;
import org.imbridge.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The {@code imbridge} command line: help, exit codes, check-config, users, msn-server. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int imbridge(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "check-config", "users", "users list", "users show", "users remove", "msn-server",
            "demo"})
    void everyCommandHasHelpWithTheExitCodes(String command) {
        String[] args = (command + " --help").trim().split(" ");
        assertThat(imbridge(args)).isZero();
        assertThat(out.toString()).startsWith("Usage: imbridge " + command).contains("Exit codes: 0 ok");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(imbridge()).isEqualTo(ExitCodes.USAGE);
        assertThat(imbridge("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unmatched argument").contains("frobnicate");
        assertThat(imbridge("users", "show")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required parameter: 'JID'");
    }

    @Test
    void checkConfigSummarisesAGoodFile() throws Exception {
        Path config = config("");
        assertThat(imbridge("check-config", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(config + ": OK").contains("msn.example.org via 127.0.0.1:5347")
                .contains("admins        boss@example.org").doesNotContain("s3cret");
    }

    @Test
    void checkConfigShowsTheInstance() throws Exception {
        Path config = config("instance: {name: msn-2, heartbeat-interval: 500ms, component-number: 3}\n");
        assertThat(imbridge("check-config", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("  instance      msn-2, heartbeat every 500ms, lease 10s, hand-over grace 10s,"
                + " 3 component slots");
    }

    @Test
    void checkConfigNamesTheFileAndTheKeyThatIsWrong() throws Exception {
        Path config = config("limits:\n  max-users: 0\n");
        assertThat(imbridge("check-config", "-c", config.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(config.toString()).contains("limits.max-users");

        Path unknown = config("colour: blue\n");
        assertThat(imbridge("check-config", "-c", unknown.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown key 'colour'");

        Path mysql = config("").resolveSibling("mysql.yaml");
        Files.writeString(mysql, Files.readString(config("")).replaceFirst("url: jdbc:h2:file:[^\\n]*", "url: jdbc:mysql://db/x"));
        assertThat(imbridge("check-config", "-c", mysql.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("key 'storage.url' must be jdbc:h2:");

        assertThat(imbridge("check-config", "-c", dir.resolve("missing.yaml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("missing.yaml: cannot read the file");
    }

    @Test
    void runWithABadConfigExitsWithTheUsageCode() throws Exception {
        Path config = config("component2: {}\n");
        assertThat(imbridge("run", "--config", config.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("component2");
    }

    @Test
    void usersListShowAndRemoveWorkOnTheStore() throws Exception {
        Path config = config("");
        try (RegistrationStore store = RegistrationStores.open(TransportFactory.storeConfig(
                ConfigLoader.withSystemEnvironment().load(config).storage()))) {
            store.save(Registration.of("romeo@example.org", "msn", "romeo@hotmail.com", "pw-romeo"));
            store.save(Registration.of("juliet@example.org", "msn", "juliet@hotmail.com", "pw-juliet"));
            store.markSynced("romeo@example.org", "msn", "juliet@hotmail.com");
        }
        assertThat(imbridge("users", "list", "-c", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("juliet@example.org").contains("romeo@hotmail.com").contains("2 users")
                .doesNotContain("pw-");

        assertThat(imbridge("users", "show", "romeo@example.org", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains("MSN account     romeo@hotmail.com").contains("contacts synced 1");

        assertThat(imbridge("users", "remove", "romeo@example.org", "-c", config.toString())).isZero();
        assertThat(imbridge("users", "show", "romeo@example.org", "-c", config.toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString()).contains("no user romeo@example.org is registered");
        assertThat(imbridge("users", "remove", "nobody@example.org", "-c", config.toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
        // what a transport running on the same database reads to log romeo out and retract his roster
        try (RegistrationStore store = RegistrationStores.open(TransportFactory.storeConfig(
                ConfigLoader.withSystemEnvironment().load(config).storage()))) {
            assertThat(store.removalsAfter(0, 10)).singleElement().satisfies(r -> {
                assertThat(r.userJid()).isEqualTo("romeo@example.org");
                assertThat(r.syncedContacts()).containsExactly("juliet@hotmail.com");
            });
        }
    }

    @Test
    void usersFindTheStoreNextToTheConfigFromAnotherWorkingDirectoryWithoutTheSecret() throws Exception {
        Path home = Files.createDirectories(dir.resolve("imbridge/config"));
        Path config = relativeConfig(home);
        try (RegistrationStore store = RegistrationStores.open(StoreConfig.h2File(dir.resolve("imbridge/data/imbridge"),
                dir.resolve("imbridge/data/password.key")))) {
            store.save(Registration.of("romeo@example.org", "msn", "romeo@hotmail.com", "pw-romeo"));
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        assertThat(workingDirectory.startsWith(dir)).as("the test runs elsewhere").isFalse();

        assertThat(imbridge("users", "list", "-c", config.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("romeo@example.org").contains("1 user");
        assertThat(workingDirectory.resolve("data/password.key")).doesNotExist();
        assertThat(workingDirectory.resolve("data/imbridge.mv.db")).doesNotExist();
        assertThat(imbridge("check-config", "-c", config.toString())).as("run needs the secret").isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("key 'component.secret' uses ${IMBRIDGE_TEST_SECRET_NEVER_SET}");
    }

    @Test
    void usersNeverCreateAStoreAndSayWhichFileIsMissing() throws Exception {
        Path home = Files.createDirectories(dir.resolve("empty/config"));
        Path config = relativeConfig(home);
        Path database = dir.resolve("empty/data/imbridge.mv.db");
        Path key = dir.resolve("empty/data/password.key");

        assertThat(imbridge("users", "list", "-c", config.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("no store to read").contains(database.toString()).contains(key.toString())
                .contains("storage.url").contains("storage.key-file");
        assertThat(imbridge("users", "remove", "romeo@example.org", "-c", config.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(dir.resolve("empty/data")).doesNotExist();
        assertThat(out.toString()).doesNotContain("0 users");

        Files.createDirectories(key.getParent());
        Files.writeString(key, "");
        err.getBuffer().setLength(0);
        assertThat(imbridge("users", "show", "romeo@example.org", "-c", config.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains(database.toString()).doesNotContain(key.toString());
        assertThat(database).doesNotExist();
    }

    @Test
    void checkConfigWarnsThatTheStoreDoesNotExistYet() throws Exception {
        Path config = config("");
        assertThat(imbridge("check-config", "-c", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("warning: the H2 database " + dir.resolve("db/imbridge.mv.db") + " (storage.url) does not exist yet")
                .contains("warning: the key file " + dir.resolve("db/password.key") + " (storage.key-file) does not exist yet")
                .contains("`imbridge run` creates it on first start");
        assertThat(dir.resolve("db")).doesNotExist();
    }

    @Test
    void usersShowAndRemoveNormaliseTheJidAndRefuseAResource() throws Exception {
        Path config = config("");
        try (RegistrationStore store = RegistrationStores.open(TransportFactory.storeConfig(
                ConfigLoader.withSystemEnvironment().load(config).storage()))) {
            store.save(Registration.of("romeo@localhost", "msn", "romeo@hotmail.com", "pw-romeo"));
        }
        assertThat(imbridge("users", "show", "ROMEO@LOCALHOST", "-c", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("user            romeo@localhost");

        assertThat(imbridge("users", "show", "romeo@localhost/phone", "-c", config.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'romeo@localhost/phone' has a /resource");
        assertThat(imbridge("users", "remove", "not a jid@@", "-c", config.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(imbridge("users", "remove", "Romeo@LocalHost", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains("removed romeo@localhost");
        assertThat(imbridge("users", "show", "romeo@localhost", "-c", config.toString())).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void msnServerStartsOurNetworkAndPrintsItsAddresses() throws Exception {
        Path accounts = dir.resolve("accounts.yaml");
        Files.writeString(accounts, "accounts:\n  - {email: a@hotmail.com, password: pw}\n");
        MsnServerCommand command = new MsnServerCommand();
        new CommandLine(command).parseArgs("--port", "0", "--accounts", accounts.toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MsnServer server = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("dispatch=127.0.0.1:" + server.dispatchAddress().getPort());
        } finally {
            server.stop();
        }
    }

    @Test
    void msnServerWithABadAccountsFileIsAUsageError() throws Exception {
        Path accounts = dir.resolve("accounts.yaml");
        Files.writeString(accounts, "accounts:\n  - {email: a@hotmail.com}\n");
        assertThat(imbridge("msn-server", "--port", "0", "--accounts", accounts.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("password");
    }

    /** A config in {@code home} with the shipped relative storage paths and a secret from an unset variable. */
    private static Path relativeConfig(Path home) throws Exception {
        Path file = home.resolve("transport.yaml");
        Files.writeString(file, """
                component: {jid: msn.example.org, host: 127.0.0.1, port: 5347, secret: "${IMBRIDGE_TEST_SECRET_NEVER_SET}"}
                msn: {host: 127.0.0.1, port: 1863}
                storage:
                  url: jdbc:h2:file:../data/imbridge
                  key-file: ../data/password.key
                """);
        return file;
    }

    private Path config(String extra) throws Exception {
        Path file = dir.resolve("transport-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                component:
                  jid: msn.example.org
                  host: 127.0.0.1
                  port: 5347
                  secret: s3cret
                msn:
                  host: 127.0.0.1
                  port: 1863
                storage:
                  url: jdbc:h2:file:%s
                  key-file: %s
                admins: [boss@example.org]
                """.formatted(dir.resolve("db/imbridge"), dir.resolve("db/password.key")) + extra);
        return file;
    }
}
