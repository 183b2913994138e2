package org.imbridge.app.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportFactory;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.stream.ComponentConnection;
import org.imbridge.xmpp.stream.ComponentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * {@code imbridge run} against a real Prosody: a refused handshake ends at once with its message, and
 * the start-up give-up policy ({@code component.startup-timeout}) is kept both ways.
 */
class RunStartupTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aWrongSecretEndsTheRunWithItsMessageWithinSeconds() throws Exception {
        try (PrivateProsody prosody = PrivateProsody.builder().start()) {
            Path config = config(prosody.componentDomain(), prosody.componentPort(), "not-the-secret", "");
            long begun = System.nanoTime();
            int exit = Main.execute(new String[] {"run", "--config", config.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            Duration took = Duration.ofNanos(System.nanoTime() - begun);
            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(err.toString()).contains("cannot start:").contains("secret");
            assertThat(took).as("a refused handshake must not wait for the stream's own I/O thread to close"
                    + " the socket (it used to take 31 s); took %s", took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStartupTimeoutGivesUpWithTheMessageAndExitCode() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        Path config = config("msn.localhost", closedPort, "s3cret", "  startup-timeout: 2s\n");
        long begun = System.nanoTime();
        int exit = Main.execute(new String[] {"run", "--config", config.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        Duration took = Duration.ofNanos(System.nanoTime() - begun);
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("did not accept the component within 2s (component.startup-timeout)")
                .contains("127.0.0.1:" + closedPort);
        assertThat(took).as("gave up after the configured 2 s, took %s", took)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void foreverKeepsRetryingAndConnectsOnceTheServerStarts() throws Exception {
        ListAppender<ILoggingEvent> attempts = new ListAppender<>();
        Logger connectionLog = (Logger) LoggerFactory.getLogger(ComponentConnection.class);
        attempts.list = new java.util.concurrent.CopyOnWriteArrayList<>();
        attempts.start();
        connectionLog.addAppender(attempts);
        try (PrivateProsody prosody = PrivateProsody.builder().create()) {
            Path file = config(prosody.componentDomain(), prosody.componentPort(), prosody.componentSecret(),
                    "  startup-timeout: forever\n");
            var config = ConfigLoader.withSystemEnvironment().load(file);
            assertThat(config.component().startupWait()).isEmpty();
            CompletableFuture<Transport> starting = Transport.start(new TransportFactory().settings(config), s -> { })
                    .toCompletableFuture();
            await().atMost(30, TimeUnit.SECONDS).until(() -> attempts.list.stream()
                    .filter(e -> e.getFormattedMessage().contains("reconnecting in")).count() >= 2);
            assertThat(starting).isNotDone();

            prosody.start();
            Transport transport = starting.get(60, TimeUnit.SECONDS);
            try {
                assertThat(transport.connection().state()).containsInstanceOf(ComponentState.Online.class);
            } finally {
                transport.close();
            }
        } finally {
            connectionLog.detachAppender(attempts);
        }
    }

    private Path config(String jid, int port, String secret, String componentExtra) throws Exception {
        Path file = dir.resolve("transport-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                component:
                  jid: %s
                  host: 127.0.0.1
                  port: %d
                  secret: %s
                %smsn:
                  host: 127.0.0.1
                  port: 1863
                storage:
                  url: jdbc:h2:file:%s
                  key-file: %s
                """.formatted(jid, port, secret, componentExtra, dir.resolve("db/imbridge"),
                dir.resolve("db/password.key")));
        return file;
    }
}
