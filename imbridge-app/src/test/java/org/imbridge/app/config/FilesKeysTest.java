package org.imbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code files} keys: defaults, values, mistakes named by key, the directory resolved like other paths. */
class FilesKeysTest {

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    private TransportConfig.Files files(String lines) throws ConfigException {
        return loader.parse("t.yaml", MinimalConfig.YAML + "files:\n" + lines).files();
    }

    @Test
    void withoutTheSectionFilesAreOnWithTheServersUploadServiceAndNoEndpoint() throws Exception {
        TransportConfig.Files defaults = loader.parse("t.yaml", MinimalConfig.YAML).files();

        assertThat(defaults.on()).isTrue();
        assertThat(defaults.maxBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(defaults.transfersPerUser()).isEqualTo(2);
        assertThat(defaults.uploadService()).isNull();
        assertThat(defaults.endpointPort()).isZero();
        assertThat(defaults.endpointUrl()).isNull();
        assertThat(defaults.expiry()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.transferTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.hosts()).isEmpty();
        assertThat(defaults.privateAddresses()).isFalse();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        TransportConfig.Files read = files("""
                  enabled: true
                  max-size: 25MiB
                  per-user-transfers: 4
                  directory: /var/lib/imbridge/transfers
                  upload-service: upload.example.org
                  link-base-url: https://files.example.org/imbridge
                  link-host: 127.0.0.1
                  link-port: 8088
                  link-expiry: 168h
                  download-hosts: [share.example.org]
                  allow-private-addresses: true
                  timeout: 2m
                """);

        assertThat(read.maxBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(read.transfersPerUser()).isEqualTo(4);
        assertThat(read.directory()).isEqualTo("/var/lib/imbridge/transfers");
        assertThat(read.uploadService()).isEqualTo("upload.example.org");
        assertThat(read.endpointUrl()).hasToString("https://files.example.org/imbridge");
        assertThat(read.endpointPort()).isEqualTo(8088);
        assertThat(read.expiry()).isEqualTo(Duration.ofDays(7));
        assertThat(read.hosts()).isEqualTo(List.of("share.example.org"));
        assertThat(read.privateAddresses()).isTrue();
        assertThat(read.transferTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> files("  max-size: lots\n"))
                .hasMessageContaining("t.yaml: key 'files.max-size'").hasMessageContaining("like 10MiB");
        assertThatThrownBy(() -> files("  max-size: 5GiB\n")).hasMessageContaining("files.max-size");
        assertThatThrownBy(() -> files("  per-user-transfers: 0\n")).hasMessageContaining("files.per-user-transfers");
        assertThatThrownBy(() -> files("  link-port: 8088\n"))
                .hasMessageContaining("files.link-base-url").hasMessageContaining("is needed with files.link-port");
        assertThatThrownBy(() -> files("  link-base-url: ftp://x.example.org/\n  link-port: 1\n"))
                .hasMessageContaining("files.link-base-url").hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> files("  link-port: 70000\n  link-base-url: https://x.example.org\n"))
                .hasMessageContaining("files.link-port");
        assertThatThrownBy(() -> files("  timeout: forever\n")).hasMessageContaining("files.timeout");
        assertThatThrownBy(() -> files("  upload-service: \"a@\"\n")).hasMessageContaining("files.upload-service");
        assertThatThrownBy(() -> files("  uplaod-service: x\n")).hasMessageContaining("uplaod-service");
    }

    @Test
    void aRelativeDirectoryIsRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf").resolve("transport.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, MinimalConfig.YAML + "files:\n  directory: ../spool/transfers\n");

        TransportConfig config = loader.load(file);

        assertThat(config.files().directory()).isEqualTo(dir.resolve("spool/transfers").toString());
    }
}
