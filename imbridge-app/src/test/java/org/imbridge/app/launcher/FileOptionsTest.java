package org.imbridge.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.config.TransportConfig;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the config's files section starts: the transfer directory, cleaned of an earlier run's files, and the endpoint. */
class FileOptionsTest {

    private static final String BASE = """
            component: {jid: msn.example.org, host: 127.0.0.1, port: 5347, secret: s}
            msn: {host: 127.0.0.1, port: 1863}
            storage: {url: "jdbc:h2:file:./data/imbridge", key-file: ./data/key}
            """;

    private TransportConfig config(Path dir, String files) throws Exception {
        Path file = dir.resolve("transport.yaml");
        Files.writeString(file, BASE + files);
        return new ConfigLoader(Map.<String, String>of()::get).load(file);
    }

    @Test
    void whatAnEarlierRunLeftInTheTransferDirectoryIsDeletedAtStart(@TempDir Path dir) throws Exception {
        Path transfers = Files.createDirectories(dir.resolve("data/transfers"));
        Files.writeString(transfers.resolve("transfer-1.part"), "half a file from a crash");

        FileTransferOptions options = TransportFactory.fileOptions(config(dir, ""));

        assertThat(options.enabled()).isTrue();
        assertThat(options.directory().path()).isEqualTo(transfers); // beside the key file by default
        assertThat(options.directory().count()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(transfers))).isEqualTo("rwx------");
        assertThat(options.share()).isNull();
        assertThat(options.maxBytes()).isEqualTo(FileTransferOptions.DEFAULT_MAX_BYTES);
    }

    @Test
    void theEndpointStartsWhenConfiguredAndFilesOffOpensNothing(@TempDir Path dir) throws Exception {
        FileTransferOptions options = TransportFactory.fileOptions(config(dir, """
                files:
                  link-port: %d
                  link-base-url: https://files.example.org/imbridge
                """.formatted(freePort())));
        try {
            assertThat(options.share()).isNotNull();
            assertThat(options.share().baseUrl()).isEqualTo("https://files.example.org/imbridge");
        } finally {
            options.share().close();
        }

        FileTransferOptions off = TransportFactory.fileOptions(config(dir, "files: {enabled: false}\n"));
        assertThat(off.enabled()).isFalse();
        assertThat(off.share()).isNull();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
