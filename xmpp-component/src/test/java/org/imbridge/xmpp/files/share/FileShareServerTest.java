package org.imbridge.xmpp.files.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback file server on 127.0.0.1, with a clock the test moves. */
class FileShareServerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FileShareServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPublishedFileIsServedAsAnAttachment() throws Exception {
        server = FileShareServer.start(FileShareConfig.local(10, 10_000_000), clock);
        Path file = file("a.part", "hello, world");

        URI url = server.publish(file, "Ünïcode photo.jpg", Duration.ofMinutes(10));

        assertThat(url.toString()).startsWith(server.baseUrl() + "/").endsWith("/%C3%9Cn%C3%AFcode%20photo.jpg");
        String token = url.getRawPath().split("/")[1];
        assertThat(token).matches("[A-Za-z0-9_-]{24}");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello, world");
        assertThat(get.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(get.headers().firstValue("Content-Length")).contains("12");
        assertThat(get.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment; filename=\"_n_code photo.jpg\"")
                .contains("filename*=UTF-8''%C3%9Cn%C3%AFcode%20photo.jpg"));
    }

    @Test
    void headGivesTheLengthWithoutTheBody() throws Exception {
        server = FileShareServer.start(FileShareConfig.local(10, 10_000_000), clock);
        URI url = server.publish(file("b.part", "0123456789"), "notes", Duration.ofMinutes(10));

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("10");
        assertThat(head.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unknownTokensAndOtherMethodsAreRefused() throws Exception {
        server = FileShareServer.start(FileShareConfig.local(10, 10_000_000), clock);
        URI url = server.publish(file("c.part", "x"), "c.txt", Duration.ofMinutes(10));

        assertThat(status(URI.create(server.baseUrl() + "/AAAAAAAAAAAAAAAAAAAAAAAA/c.txt"), "GET")).isEqualTo(404);
        assertThat(status(URI.create(server.baseUrl() + "/"), "GET")).isEqualTo(404);
        assertThat(status(url, "PUT")).isEqualTo(405);
        assertThat(status(url, "DELETE")).isEqualTo(405);
        assertThat(status(url, "GET")).as("still there").isEqualTo(200);
    }

    @Test
    void anExpiredFileIsGoneAndDeletedByTheSweep() throws Exception {
        server = FileShareServer.start(FileShareConfig.local(10, 10_000_000), clock);
        Path file = file("d.part", "soon gone");
        URI url = server.publish(file, "d.txt", Duration.ofMinutes(5));
        assertThat(status(url, "GET")).isEqualTo(200);

        clock.advance(Duration.ofMinutes(5));

        assertThat(status(url, "GET")).isEqualTo(404);
        assertThat(server.sweepExpired()).isEqualTo(1);
        assertThat(file).doesNotExist();
        assertThat(server.fileCount()).isZero();
        assertThat(server.totalBytes()).isZero();
    }

    @Test
    void theCapsMakePublishRefuse() throws Exception {
        server = FileShareServer.start(FileShareConfig.local(2, 20), clock);
        server.publish(file("e1", "0123456789"), "e1", Duration.ofMinutes(5));

        assertThatThrownBy(() -> server.publish(file("e2", "0123456789X"), "e2", Duration.ofMinutes(5)))
                .isInstanceOf(FileShareException.class).hasMessageContaining("room");
        server.publish(file("e3", "0123456789"), "e3", Duration.ofMinutes(5));
        assertThatThrownBy(() -> server.publish(file("e4", ""), "e4", Duration.ofMinutes(5)))
                .isInstanceOf(FileShareException.class).hasMessageContaining("2 files");
        assertThat(dir.resolve("e2")).as("a refused file stays the caller's").exists();
        assertThatThrownBy(() -> server.publish(dir, "dir", Duration.ofMinutes(5))).isInstanceOf(FileShareException.class);
    }

    @Test
    void closeDeletesEveryFileHeld() throws Exception {
        server = FileShareServer.start(FileShareConfig.local(10, 10_000_000), clock);
        Path f1 = file("f1", "one");
        Path f2 = file("f2", "two");
        server.publish(f1, "f1", Duration.ofMinutes(5));
        server.publish(f2, "f2", Duration.ofHours(5));

        server.close();

        assertThat(f1).doesNotExist();
        assertThat(f2).doesNotExist();
        assertThat(server.fileCount()).isZero();
    }

    @Test
    void theConfiguredBaseUrlIsUsedAndItsPathPrefixServed() throws Exception {
        FileShareConfig config = new FileShareConfig("127.0.0.1", 0, URI.create("https://files.example.org/imbridge/"),
                10, 1000, 2, Duration.ofMinutes(1));
        server = FileShareServer.start(config, clock);

        URI url = server.publish(file("g", "behind a proxy"), "g.txt", Duration.ofMinutes(5));

        assertThat(url.toString()).startsWith("https://files.example.org/imbridge/").endsWith("/g.txt");
        URI local = URI.create("http://127.0.0.1:" + server.address().getPort() + url.getRawPath());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(local).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).isEqualTo("behind a proxy");
    }

    private int status(URI url, String method) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
