package org.imbridge.app.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution {@code mvn package} makes, used as an admin would: unpacked, {@code bin/imbridge}
 * runs the one jar (services merged for Flyway, logback, Smack and the legacy networks), checks the
 * example config, and runs the demo's tour end to end.
 */
class DistributionIT {

    @TempDir
    static Path dir;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("imbridge.dist", "target/missing.tar.gz"));
        assertThat(archive).as("the distribution archive").exists();
        Result tar = run(List.of("tar", "xzf", archive.toString(), "-C", dir.toString()), Map.of(), 60);
        assertThat(tar.code).as(tar.output).isZero();
        try (var entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void theArchiveHasTheLauncherTheJarTheConfigAndTheSnippets() {
        assertThat(home.resolve("bin/imbridge")).isExecutable();
        assertThat(home.resolve("lib/imbridge.jar")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        for (String file : List.of("transport.yaml", "msn-accounts.yaml", "prosody/imbridge.cfg.lua",
                "ejabberd/imbridge.yml", "openfire/README.md", "systemd/imbridge.service")) {
            assertThat(home.resolve("config").resolve(file)).isRegularFile();
        }
    }

    @Test
    void binImbridgeRunsAndChecksTheExampleConfig() throws Exception {
        Result version = imbridge(List.of("--version"), Map.of());
        assertThat(version.code).isZero();
        assertThat(version.output).startsWith("IMBridge ");

        Result check = imbridge(List.of("check-config"), Map.of("IMBRIDGE_SECRET", "example"));
        assertThat(check.code).as(check.output).isZero();
        assertThat(check.output).contains("config/transport.yaml: OK");

        Result unset = imbridge(List.of("check-config"), Map.of());
        assertThat(unset.code).isEqualTo(2);
        assertThat(unset.output).contains("component.secret").contains("IMBRIDGE_SECRET");

        Result users = imbridge(List.of("users", "list"), Map.of());
        assertThat(users.code).as(users.output).isEqualTo(1);
        assertThat(users.output).contains(home.resolve("data/imbridge.mv.db").toString());
        assertThat(home.resolve("data")).doesNotExist();
    }

    @Test
    void theDemoTourWorksFromTheDistribution() throws Exception {
        Result tour = imbridge(List.of("demo", "--tour", "--log", dir.resolve("demo.log").toString()), Map.of());
        assertThat(tour.code).as(tour.output).isZero();
        assertThat(tour.output).contains("All 7 steps worked.").contains("Echo Bot is typing…");
    }

    private static Result imbridge(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/imbridge").toString()));
        command.addAll(args);
        return run(command, env, 120);
    }

    private static Result run(List<String> command, Map<String, String> env, int seconds) throws Exception {
        Path output = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home == null ? dir.toFile() : home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("IMBRIDGE_SECRET");
        builder.environment().remove("IMBRIDGE_CONFIG");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            return new Result(-1, "timed out: " + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }
}
