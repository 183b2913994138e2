package org.imbridge.app.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The Debian package {@code mvn package} makes, used on this machine as an admin would: installed with
 * apt-get, its config checked and edited, a short run as the service user against a private Prosody,
 * upgraded over itself (edited config, secret and data kept), and purged (nothing left behind).
 *
 * <p>It installs a system package, so it runs only where asked: as root with
 * {@code IMBRIDGE_PACKAGE_TEST=install} ({@code .ci/run} sets it), and never where a package named
 * imbridge is already installed.
 */
class DebianPackageIT {

    private static final Path CONFIG = Path.of("/etc/imbridge/transport.yaml");
    private static final Path SECRET = Path.of("/etc/imbridge/secret");
    private static final Path DATA = Path.of("/var/lib/imbridge");
    private static final Path LOGS = Path.of("/var/log/imbridge");
    private static final Path LOG = LOGS.resolve("imbridge.log");
    private static final Path UNIT = Path.of("/lib/systemd/system/imbridge.service");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Path deb;
    private static boolean installedByUs;

    @BeforeAll
    static void onlyWhereAsked() throws Exception {
        assumeTrue("install".equals(System.getenv("IMBRIDGE_PACKAGE_TEST")),
                "installs a system package: set IMBRIDGE_PACKAGE_TEST=install (as root) to run it");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to install a package");
        assumeTrue(!run(List.of("dpkg-query", "-W", "-f=${Status}", "imbridge")).output.contains("ok installed"),
                "a package named imbridge is installed here already; not touching it");
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            deb = files.filter(f -> f.getFileName().toString().matches("imbridge_.*_all\\.deb"))
                    .findFirst().orElseThrow(() -> new AssertionError("no target/imbridge_*_all.deb: run mvn package"))
                    .toAbsolutePath();
        }
    }

    @AfterAll
    static void purgeWhatWeInstalled() throws Exception {
        if (installedByUs) {
            run(List.of("apt-get", "purge", "-y", "-q", "imbridge"));
        }
    }

    @Test
    void installsChecksRunsUpgradesOverItselfAndPurges() throws Exception {
        Result install = apt("install", "-y", "-q", "--no-install-recommends", deb.toString());
        installedByUs = true;
        assertThat(install.code).as(install.output).isZero();
        assertThat(install.output).contains("a new component secret is in /etc/imbridge/secret");
        assertLaidOut();

        String secret = Files.readString(SECRET).strip();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9]+");
        try (PrivateProsody prosody = PrivateProsody.builder().componentSecret(secret).start()) {
            String edited = Files.readString(CONFIG)
                    .replace("jid: msn.localhost", "jid: " + prosody.componentDomain())
                    .replace("port: 5347", "port: " + prosody.componentPort());
            assertThat(edited).isNotEqualTo(Files.readString(CONFIG));
            Files.writeString(CONFIG, edited);

            Result check = asServiceUser(List.of("imbridge", "check-config"));
            assertThat(check.code).as(check.output).isZero();
            assertThat(check.output).contains(CONFIG + ": OK");

            shortRunAgainst(prosody);
            assertThat(Files.getPosixFilePermissions(DATA.resolve("password.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(owner(DATA.resolve("imbridge.mv.db"))).isEqualTo("imbridge");
            String key = sha256(DATA.resolve("password.key"));

            Result upgrade = run(List.of("dpkg", "-i", deb.toString()));
            assertThat(upgrade.code).as(upgrade.output).isZero();
            assertThat(upgrade.output).doesNotContain("new component secret");
            assertThat(Files.readString(CONFIG)).isEqualTo(edited);
            assertThat(Files.readString(SECRET).strip()).isEqualTo(secret);
            assertThat(sha256(DATA.resolve("password.key"))).isEqualTo(key);
            assertThat(DATA.resolve("imbridge.mv.db")).isRegularFile();
            assertLaidOut();
            Result checkAgain = asServiceUser(List.of("imbridge", "check-config"));
            assertThat(checkAgain.code).as(checkAgain.output).isZero();
        }

        Result purge = apt("purge", "-y", "-q", "imbridge");
        assertThat(purge.code).as(purge.output).isZero();
        installedByUs = false;
        for (Path gone : List.of(Path.of("/usr/bin/imbridge"), Path.of("/usr/share/imbridge"), CONFIG.getParent(),
                DATA, LOGS, UNIT)) {
            assertThat(gone).as("after purge").doesNotExist();
        }
        assertThat(run(List.of("dpkg-query", "-W", "-f=${Status}", "imbridge")).output).doesNotContain("ok installed");
    }

    /** The files and modes the README's "Install the Debian package" promises. */
    private static void assertLaidOut() throws IOException, InterruptedException {
        assertThat(Path.of("/usr/bin/imbridge")).isExecutable();
        assertThat(Path.of("/usr/share/imbridge/lib/imbridge.jar")).isRegularFile();
        assertThat(UNIT).content().contains("ExecStart=/usr/bin/imbridge run").contains("SuccessExitStatus=143");
        assertThat(run(List.of("dpkg-query", "-W", "-f=${Conffiles}", "imbridge")).output).contains(CONFIG.toString());
        assertThat(owner(DATA)).isEqualTo("imbridge");
        assertThat(Files.getPosixFilePermissions(DATA)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(owner(LOGS)).isEqualTo("imbridge");
        assertThat(Files.getPosixFilePermissions(CONFIG)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(group(CONFIG)).isEqualTo("imbridge");
        assertThat(group(SECRET)).isEqualTo("imbridge");
        assertThat(Files.getPosixFilePermissions(SECRET)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Result verify = run(List.of("systemd-analyze", "verify", UNIT.toString()));
            assertThat(verify.code).as(verify.output).isZero();
            // "Overall exposure level" at most 2.0 of 10 (threshold in tenths)
            Result exposure = run(List.of("systemd-analyze", "security", "--offline=true", "--threshold=20",
                    UNIT.toString()));
            assertThat(exposure.code).as(exposure.output).isZero();
        }
    }

    /**
     * {@code imbridge run} as the unit runs it (service user, /var/lib/imbridge): online at Prosody, a
     * Jabber client's disco sees the gateway, the log file is written; SIGTERM ends it with 143.
     */
    private static void shortRunAgainst(PrivateProsody prosody) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("runuser", "-u", "imbridge", "--", "imbridge", "run")
                .directory(DATA.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("IMBRIDGE_CONFIG");
        Process run = builder.start();
        try {
            await("the packaged transport online").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(run.isAlive()).as("imbridge run exited: " + tail()).isTrue();
                return Files.exists(LOG) && Files.readString(LOG).contains("is online at");
            });
            prosody.registerUser("admin", "admin-pass");
            XMPPTCPConnection client = ProsodyClients.newClient(prosody, "admin", "admin-pass");
            try {
                client.connect().login();
                DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(client)
                        .discoverInfo(JidCreate.from(prosody.componentDomain()));
                assertThat(info.getIdentities()).anyMatch(i -> i.getCategory().equals("gateway"));
            } finally {
                client.disconnect();
            }
            Optional<ProcessHandle> java = run.descendants().filter(p -> p.info().command()
                    .map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            assertThat(java).as("the transport's JVM").isPresent();
            java.get().destroy();
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(run.exitValue()).as(tail()).isEqualTo(143);
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    private static String tail() throws IOException {
        if (!Files.exists(LOG)) {
            return "(no " + LOG + ")";
        }
        List<String> lines = Files.readAllLines(LOG);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static Result asServiceUser(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "imbridge", "--"));
        full.addAll(command);
        return run(full);
    }

    private static Result apt(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String owner(Path path) throws IOException {
        return attributes(path).owner().getName();
    }

    private static String group(Path path) throws IOException {
        return attributes(path).group().getName();
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("imbridge-deb-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            builder.environment().remove("IMBRIDGE_CONFIG");
            builder.environment().remove("IMBRIDGE_SECRET");
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private record Result(int code, String output) {
    }
}
