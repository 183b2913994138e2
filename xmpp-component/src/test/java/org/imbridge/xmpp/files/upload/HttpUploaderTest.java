package org.imbridge.xmpp.files.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Putting a file to a slot on a local HTTP server. */
class HttpUploaderTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final HttpUploader uploader = new HttpUploader(Duration.ofSeconds(20));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/put", this::store);
        server.createContext("/full", exchange -> refuse(exchange, 413));
        server.createContext("/broken", exchange -> refuse(exchange, 500));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void theFileIsPutWithTheSlotHeadersAndTheGetUrlReturned() throws Exception {
        Path file = randomFile(3 * 1024 * 1024);
        UploadSlot slot = slot("/put/abc/photo.jpg", Map.of("Authorization", "Basic c2VjcmV0", "Cookie", "k=v"));

        URI get = uploader.upload(slot, file, "image/jpeg");

        assertThat(get).isEqualTo(URI.create("https://download.localhost/abc/photo.jpg"));
        assertThat(received).containsEntry("method", "PUT").containsEntry("path", "/put/abc/photo.jpg")
                .containsEntry("sha256", sha256(file)).containsEntry("length", Long.toString(Files.size(file)))
                .containsEntry("content-type", "image/jpeg").containsEntry("authorization", "Basic c2VjcmV0")
                .containsEntry("cookie", "k=v");
    }

    @Test
    void aRefusalFailsWithTheStatus() throws Exception {
        Path file = randomFile(1000);

        assertThatThrownBy(() -> uploader.upload(slot("/full/a.bin", Map.of()), file, null))
                .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("413");
        assertThatThrownBy(() -> uploader.upload(slot("/broken/a.bin?token=s3cret", Map.of()), file, null))
                .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("500").hasMessageNotContaining("s3cret");
    }

    @Test
    void aMissingFileFailsClearly() {
        assertThatThrownBy(() -> uploader.upload(slot("/put/a", Map.of()), dir.resolve("gone.bin"), null))
                .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("gone");
    }

    private UploadSlot slot(String path, Map<String, String> headers) {
        return new UploadSlot(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), headers,
                URI.create("https://download.localhost/abc/photo.jpg"));
    }

    private void store(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            MessageDigest digest = sha256Digest();
            byte[] buffer = new byte[65536];
            long length = 0;
            for (int n; (n = in.read(buffer)) > 0; length += n) {
                digest.update(buffer, 0, n);
            }
            received.put("method", exchange.getRequestMethod());
            received.put("path", exchange.getRequestURI().getPath());
            received.put("sha256", hex(digest.digest()));
            received.put("length", Long.toString(length));
            for (String header : new String[] {"Content-Type", "Authorization", "Cookie"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    received.put(header.toLowerCase(java.util.Locale.ROOT), value);
                }
            }
            exchange.sendResponseHeaders(201, -1);
        }
    }

    private static void refuse(HttpExchange exchange, int status) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private Path randomFile(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(dir.resolve("upload-" + size + ".bin"), bytes);
    }

    static String sha256(Path file) throws IOException {
        return hex(sha256Digest().digest(Files.readAllBytes(file)));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
