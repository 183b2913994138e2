package org.imbridge.xmpp.files.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.imbridge.xmpp.files.download.DownloadException.Reason;
import org.imbridge.xmpp.files.temp.TransferDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server, and what is refused. */
class SafeDownloaderTest {

    private static final int MIB = 1024 * 1024;
    private static final byte[] CONTENT = randomBytes(3 * MIB);

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private Path destination;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/files/", exchange -> send(exchange, CONTENT.length));
        server.createContext("/chunked/", exchange -> send(exchange, 0));
        server.createContext("/status/", exchange -> status(exchange, 500, null));
        server.createContext("/same/", exchange -> status(exchange, 302, "/files/caf%C3%A9.bin?sig=1"));
        server.createContext("/other/", exchange -> status(exchange, 302, "http://localhost:" + port() + "/files/a.bin"));
        server.createContext("/down/", exchange -> status(exchange, 307, "ftp://127.0.0.1/a.bin"));
        server.createContext("/loop/", exchange -> status(exchange, 302, "/loop/again"));
        server.createContext("/hang/", exchange -> {
            try (exchange) {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        destination = dir.resolve("download.part");
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aFileIsDownloadedWhole() throws Exception {
        DownloadedFile file = local(10 * MIB).download(url("/files/report%202024.pdf?token=abc"), destination);

        assertThat(file.path()).isEqualTo(destination);
        assertThat(file.size()).isEqualTo(CONTENT.length);
        assertThat(file.fileName()).isEqualTo("report 2024.pdf");
        assertThat(sha256(Files.readAllBytes(destination))).isEqualTo(sha256(CONTENT));
    }

    @Test
    void aChunkedFileIsDownloadedWhole() throws Exception {
        DownloadedFile file = local(10 * MIB).download(url("/chunked/a.bin"), destination);

        assertThat(file.size()).isEqualTo(CONTENT.length);
        assertThat(sha256(Files.readAllBytes(destination))).isEqualTo(sha256(CONTENT));
    }

    @Test
    void tooLargeByContentLengthIsRefused() {
        assertRefused(local(MIB), "/files/a.bin", Reason.TOO_LARGE);
    }

    @Test
    void tooLargeWhileStreamingIsAbortedAndThePartialFileDeleted() {
        assertRefused(local(MIB), "/chunked/a.bin", Reason.TOO_LARGE);
    }

    @Test
    void aFailedDownloadLeavesNothingInTheTransferDirectory() throws Exception {
        TransferDirectory transfers = TransferDirectory.open(dir.resolve("transfers"));
        Path part = transfers.newFile(".part");

        assertThatThrownBy(() -> local(MIB).download(url("/chunked/a.bin"), part)).isInstanceOf(DownloadException.class);
        assertThat(transfers.count()).isZero();

        Path whole = transfers.newFile(".part");
        local(10 * MIB).download(url("/chunked/a.bin"), whole);
        assertThat(whole).hasSize(CONTENT.length);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(whole))).isEqualTo("rw-------");
    }

    @Test
    void aSymbolicLinkAsDestinationIsNotWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("precious"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("link.part"), target);

        assertThatThrownBy(() -> local(10 * MIB).download(url("/files/a.bin"), link))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO));
        assertThat(target).hasContent("keep me");
    }

    @Test
    void aHostNotOnTheAllowListIsRefused() {
        SafeDownloader downloader = new SafeDownloader(new DownloadPolicy(Set.of("files.example.org"), MIB,
                Duration.ofSeconds(10), true));

        assertRefused(downloader, "/files/a.bin", Reason.HOST_NOT_ALLOWED);
        assertThatThrownBy(() -> downloader.download(URI.create("ftp://files.example.org/a"), destination))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_NOT_ALLOWED));
    }

    @Test
    void loopbackIsRefusedWithoutTheFlag() {
        SafeDownloader downloader = new SafeDownloader(new DownloadPolicy(Set.of("127.0.0.1"), 10 * MIB,
                Duration.ofSeconds(10), false));

        assertRefused(downloader, "/files/a.bin", Reason.PRIVATE_ADDRESS);
    }

    @Test
    void aNameWithAnyPrivateAddressIsRefused() {
        SafeDownloader downloader = new SafeDownloader(new DownloadPolicy(Set.of("Files.Example.org"), MIB,
                Duration.ofSeconds(10), false), host -> new InetAddress[] {
                    InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")});

        assertThatThrownBy(() -> downloader.download(URI.create("https://FILES.example.org/a.bin"), destination))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PRIVATE_ADDRESS));
    }

    @Test
    void anErrorStatusFails() {
        DownloadException e = assertRefused(local(MIB), "/status/x?secret=hunter2", Reason.HTTP_STATUS);

        assertThat(e.getMessage()).contains("500").doesNotContain("hunter2");
    }

    @Test
    void aRedirectToTheSameHostIsFollowed() throws Exception {
        DownloadedFile file = local(10 * MIB).download(url("/same/start.bin"), destination);

        assertThat(file.size()).isEqualTo(CONTENT.length);
        assertThat(file.fileName()).as("the name comes from the URL given").isEqualTo("start.bin");
    }

    @Test
    void aRedirectToAnotherHostIsRefusedEvenIfAllowed() {
        SafeDownloader downloader = new SafeDownloader(new DownloadPolicy(Set.of("127.0.0.1", "localhost"), 10 * MIB,
                Duration.ofSeconds(10), true));

        assertRefused(downloader, "/other/a.bin", Reason.REDIRECT_REFUSED);
    }

    @Test
    void aRedirectToAnotherSchemeOrInALoopIsRefused() {
        assertRefused(local(MIB), "/down/a.bin", Reason.REDIRECT_REFUSED);
        assertRefused(local(MIB), "/loop/a.bin", Reason.REDIRECT_REFUSED);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        SafeDownloader impatient = new SafeDownloader(new DownloadPolicy(Set.of("127.0.0.1"), MIB,
                Duration.ofMillis(300), true));

        assertRefused(impatient, "/hang/a.bin", Reason.TIMEOUT);
    }

    private DownloadException assertRefused(SafeDownloader downloader, String path, Reason reason) {
        DownloadException[] thrown = new DownloadException[1];
        assertThatThrownBy(() -> downloader.download(url(path), destination))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    thrown[0] = e;
                });
        assertThat(destination).doesNotExist();
        return thrown[0];
    }

    private SafeDownloader local(long maxBytes) {
        return new SafeDownloader(new DownloadPolicy(Set.of("127.0.0.1"), maxBytes, Duration.ofSeconds(20), true));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    /** @param length the Content-Length to announce, 0 for chunked */
    private static void send(HttpExchange exchange, long length) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(200, length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < CONTENT.length; offset += 64 * 1024) {
                    out.write(CONTENT, offset, Math.min(64 * 1024, CONTENT.length - offset));
                }
            } catch (IOException e) {
                // the client hung up (a refused download): expected
            }
        }
    }

    private static void status(HttpExchange exchange, int status, String location) throws IOException {
        try (exchange) {
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
