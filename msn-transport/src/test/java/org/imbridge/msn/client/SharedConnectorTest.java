package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.imbridge.msn.protocol.MsnpCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many accounts share one connector: no thread per session (design: "no thread per user"). */
class SharedConnectorTest {

    private static final int SESSIONS = 200;
    private static final int IO_PROCESSORS = 2;

    private FakeMsnServer server;
    private MsnClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoHundredSessionsShareOneConnectorAndAFewThreads() throws Exception {
        server = FakeMsnServer.start(SharedConnectorTest::answer);
        warmUpServerThreads();
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        client = new MsnClient(MsnClientConfig.builder().ioProcessors(IO_PROCESSORS)
                .loginTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(30)).build());
        List<CompletableFuture<NotificationSession>> logins = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            logins.add(client.login("user" + i + "@hotmail.com", "secret", server.address(), new NotificationListener() {
            }).toCompletableFuture());
        }
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(logins).allSatisfy(l -> assertThat(l.join().isConnected()).isTrue());
        assertThat(client.connectionCount()).isEqualTo(SESSIONS);
        Set<String> newThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toSet());
        assertThat(newThreads).as("threads started for %d sessions", SESSIONS)
                .hasSizeLessThanOrEqualTo(IO_PROCESSORS + 2)
                .allMatch(name -> name.startsWith("msn-client-") || name.startsWith("ShortReadNioProcessor-")
                        || name.startsWith("NioSocketConnector-"));
        assertThat(newThreads.stream().filter(n -> n.startsWith("ShortReadNioProcessor-") || n.startsWith("msn-client-io-")))
                .hasSizeLessThanOrEqualTo(IO_PROCESSORS);
        assertThat(newThreads.stream().filter(n -> n.startsWith("msn-client-timer-"))).hasSizeLessThanOrEqualTo(1);

        client.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("msn-client-")));
    }

    /** The server's acceptor and I/O threads start with its first connection; start them before counting. */
    private void warmUpServerThreads() throws Exception {
        Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
        socket.close();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    /** Logs everyone in straight away with empty lists. */
    private static void answer(FakePeer peer, MsnpCommand cmd) {
        long t = cmd.trId();
        switch (cmd.name()) {
            case "VER" -> peer.send("VER " + t + " MSNP7");
            case "INF" -> peer.send("INF " + t + " MD5");
            case "USR" -> peer.send("I".equals(cmd.param(2))
                    ? "USR " + t + " MD5 S 1234567890.12345"
                    : "USR " + t + " OK " + peer.handle() + " Someone 1");
            case "SYN" -> peer.send("SYN " + t + " 0");
            default -> {
            }
        }
    }
}
