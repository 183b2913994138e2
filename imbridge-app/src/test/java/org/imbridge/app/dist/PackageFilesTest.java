package org.imbridge.app.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.config.TransportConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package's config file and unit, made by the build from the tarball's (config/): the
 * package's absolute paths, nothing relative to a working directory, and otherwise the same file.
 */
class PackageFilesTest {

    private static final Path PACKAGE_CONFIG = Path.of("target/deb/transport.yaml");
    private static final Path PACKAGE_UNIT = Path.of("target/deb/imbridge.service");

    @Test
    void theConfigUsesThePackagesDirectoriesAndItsGeneratedSecret(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(PACKAGE_CONFIG);
        assertThat(yaml).contains("  secret-file: /etc/imbridge/secret").contains("  file: /var/log/imbridge/imbridge.log")
                .doesNotContain("../").doesNotContain("./data");

        Path secret = Files.writeString(dir.resolve("secret"), "generated\n");
        Path config = Files.writeString(dir.resolve("transport.yaml"),
                yaml.replace("/etc/imbridge/secret", secret.toString()).replace("/var/log/imbridge", dir.toString()));
        TransportConfig loaded = new ConfigLoader(Map.<String, String>of()::get).load(config);

        assertThat(loaded.storage().url()).isEqualTo("jdbc:h2:file:/var/lib/imbridge/imbridge");
        assertThat(loaded.storage().keyFile()).isEqualTo("/var/lib/imbridge/password.key");
        assertThat(loaded.logging().file()).isEqualTo(dir.resolve("imbridge.log").toString());
        assertThat(loaded.component().resolvedSecret()).isEqualTo("generated");
    }

    @Test
    void theConfigDiffersFromTheTarballsOnlyInThoseLines() throws Exception {
        var tarball = Files.readAllLines(Path.of("../config/transport.yaml"));
        var packaged = Files.readAllLines(PACKAGE_CONFIG);
        assertThat(packaged).hasSameSizeAs(tarball);
        long changed = java.util.stream.IntStream.range(0, tarball.size())
                .filter(i -> !tarball.get(i).equals(packaged.get(i))).count();
        // check-config hint, secret, storage comment, url, key-file, logging.file
        assertThat(changed).isEqualTo(6);
    }

    @Test
    void theUnitRunsTheInstalledLauncherAndLeavesOutTheTarballSteps() throws Exception {
        String unit = Files.readString(PACKAGE_UNIT);
        assertThat(unit).contains("ExecStart=/usr/bin/imbridge run")
                .contains("Documentation=file:///usr/share/doc/imbridge/README.md")
                .contains("SuccessExitStatus=143").contains("StateDirectory=imbridge").contains("LogsDirectory=imbridge")
                .doesNotContain("/opt/imbridge").doesNotContain("useradd");
    }
}
