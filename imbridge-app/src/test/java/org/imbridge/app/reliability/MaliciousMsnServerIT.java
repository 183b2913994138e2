package org.imbridge.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.session.IoSession;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged transport logged in to a hostile MSN server ({@link ScriptedMsnServer}), in a JVM with
 * a 96 MB heap that unbounded per-user state would exhaust: floods of CHL, NLN for unknown handles,
 * ADD RL and RNG; XFR SB to 169.254.169.254:80 and to a local decoy port nobody configured; a
 * half-sent MSG payload; then SIGTERM. The transport must stay up with bounded memory and logs, never
 * reach the decoy, tell the user, log in again with backoff, and exit within 10 s.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES) // per test: the suite stays within CI's budget
class MaliciousMsnServerIT {

    private static final String HEAP = "-Xmx96m";
    private static final int CHALLENGES = 200_000;
    private static final int UNKNOWN_PRESENCES = 50_000;
    private static final int ADDED_BY = 5_000;
    private static final int INVITATIONS = 2_000;
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(10);
    private static final Duration RELOGIN_BOUND = Duration.ofSeconds(90);

    private static final String DECOY_HOST = "127.0.0.2";

    private static ScriptedMsnServer msn;
    private static ServerSocket decoy;
    private static final AtomicInteger decoyConnections = new AtomicInteger();
    private static PackagedBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        msn = new ScriptedMsnServer();
        decoy = new ServerSocket();
        // loopback, but not the MSN server's address (127.0.0.1) nor configured anywhere
        decoy.bind(new InetSocketAddress(DECOY_HOST, 0));
        Thread accepting = new Thread(() -> {
            while (!decoy.isClosed()) {
                try {
                    decoy.accept().close();
                    decoyConnections.incrementAndGet();
                } catch (IOException e) {
                    // closed at the end
                }
            }
        }, "decoy");
        accepting.setDaemon(true);
        accepting.start();
        msn.switchboardTargets.add("169.254.169.254:80");
        msn.switchboardTargets.add(DECOY_HOST + ":" + decoy.getLocalPort());
        PackagedBridge.Options options = new PackagedBridge.Options();
        options.msnDispatch = msn.address();
        options.transportJvm = List.of(HEAP);
        bridge = new PackagedBridge(options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (bridge != null) {
            bridge.close();
        }
        if (msn != null) {
            msn.close();
        }
        if (decoy != null) {
            decoy.close();
        }
    }

    @Test
    void floodsWeirdReferralsAndHalfFramesCostTheTransportNothingAndShutdownCompletes() throws Exception {
        JabberUser user = bridge.onboard("victim", "victim@hotmail.com", "pw");
        await("the user's MSN session online").atMost(PackagedBridge.TIMEOUT).until(() -> msn.online() != null);
        IoSession first = msn.online();
        int loginsBefore = (int) msn.count("login");
        long floodStart = System.nanoTime();

        ScriptedMsnServer.flood(first, "NLN NLN stranger{n}@hotmail.com Stranger{n}", UNKNOWN_PRESENCES);
        ScriptedMsnServer.flood(first, "ADD 0 RL {n} adder{n}@hotmail.com Adder{n}", ADDED_BY);
        ScriptedMsnServer.flood(first, "RNG {n} " + DECOY_HOST + ":" + decoy.getLocalPort()
                + " CKI 1.2.3 inviter{n}@hotmail.com Inviter", INVITATIONS);
        ScriptedMsnServer.raw(first, "RNG 99999 169.254.169.254:80 CKI 1.2.3 metadata@hotmail.com Metadata\r\n");
        ScriptedMsnServer.flood(first, "CHL 0 {n}2345678901234567", CHALLENGES);

        await("the flooded session closed by the transport").atMost(RELOGIN_BOUND)
                .until(() -> first.isClosing() || bridge.transport.log().contains("OutOfMemoryError"));
        assertThat(bridge.transport.log()).as("the transport's log").doesNotContain("OutOfMemoryError");
        await().atMost(PackagedBridge.TIMEOUT).until(() -> msn.closedAt(first.getId()) > 0);
        long closedAt = msn.closedAt(first.getId());
        await("the user logged in again").atMost(RELOGIN_BOUND).until(() -> msn.count("login") > loginsBefore);
        Duration backoff = Duration.ofNanos(msn.nth("login", loginsBefore + 1) - closedAt);
        await("the new session online").atMost(PackagedBridge.TIMEOUT)
                .until(() -> msn.online() != null && msn.online() != first);
        long heap = heapUsedBytes();
        long unknownPresences = user.presences.stream().filter(p -> p.getFrom() != null
                && p.getFrom().toString().contains("stranger")).count();
        long subscriptionRequests = user.presences.stream().filter(p -> p.getType() == Presence.Type.subscribe
                && p.getFrom() != null && p.getFrom().toString().contains("adder")).count();

        // XFR SB to link-local and to an unconfigured local port: refused, and the user is told
        Message toMetadata = StanzaBuilder.buildMessage("via-link-local").ofType(Message.Type.chat)
                .to(user.contact("bob@hotmail.com")).setBody("hello").build();
        user.trySend(toMetadata);
        await().atMost(PackagedBridge.TIMEOUT).until(() -> user.hasError("via-link-local"));
        user.trySend(StanzaBuilder.buildMessage("via-decoy").ofType(Message.Type.chat)
                .to(user.contact("carol@hotmail.com")).setBody("hello").build());
        await().atMost(PackagedBridge.TIMEOUT).until(() -> user.hasError("via-decoy"));

        // a half-sent payload: the transport times the connection out and logs in again
        IoSession second = msn.online();
        int loginsBeforeHalf = (int) msn.count("login");
        ScriptedMsnServer.raw(second, "MSG Hotmail Hotmail 400\r\nMIME-Version: 1.0\r\n");
        await("the stalled session closed by the transport").atMost(RELOGIN_BOUND).until(second::isClosing);
        await("logged in again after the stall").atMost(RELOGIN_BOUND)
                .until(() -> msn.count("login") > loginsBeforeHalf && msn.online() != null && msn.online() != second);

        boolean toldTheUser = user.presences.stream().anyMatch(p -> p.getFrom() != null
                && p.getFrom().toString().equals(bridge.transportDomain()) && p.getStatus() != null
                && !p.getStatus().isBlank())
                || user.messages.stream().anyMatch(m -> m.getFrom() != null
                && m.getFrom().toString().equals(bridge.transportDomain()) && m.getBody() != null);

        // SIGTERM with a connection stuck in a half frame
        ScriptedMsnServer.raw(msn.online(), "MSG Hotmail Hotmail 400\r\nMIME");
        String log = bridge.transport.log();
        long logBytes = bridge.transport.logBytes();
        Duration shutdown = bridge.transport.terminate(SHUTDOWN_BOUND);

        SuiteFigures.record("malicious-msn", "heap after floods " + heap / (1024 * 1024) + " MB (" + HEAP
                + "); presences from unknown handles relayed " + unknownPresences + " of " + UNKNOWN_PRESENCES
                + "; subscription requests relayed " + subscriptionRequests + " of " + ADDED_BY
                + "; re-login " + backoff.toMillis() + " ms after the flood's close; logins in all "
                + msn.count("login") + "; decoy connections " + decoyConnections.get() + "; transport log "
                + logBytes / 1024 + " KB; SIGTERM exit " + (shutdown == null ? "NOT within " + SHUTDOWN_BOUND
                : shutdown.toMillis() + " ms") + "; flood to close "
                + Duration.ofNanos(closedAt - floodStart).toMillis() + " ms");

        assertThat(log).doesNotContain("OutOfMemoryError");
        assertThat(decoyConnections.get()).as("connections to the unconfigured decoy port").isZero();
        assertThat(log).as("a referral to link-local is never connected to")
                .doesNotContain("connecting to 169.254.169.254");
        assertThat(unknownPresences).as("presences relayed for handles not on the user's lists").isLessThan(1_000);
        assertThat(subscriptionRequests).as("subscription requests relayed from an ADD RL flood").isLessThan(1_000);
        // the first delay is half to all of the 2 s reconnect minimum; the server sees the close a moment late
        assertThat(backoff).as("re-login waits (backoff)").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(msn.count("login")).as("logins in all: backoff, not a loop").isLessThan(loginsBefore + 6);
        assertThat(logBytes).as("transport log size: one line per flood, not per event").isLessThan(2L * 1024 * 1024);
        assertThat(toldTheUser).as("the user was told why the MSN session went away").isTrue();
        assertThat(shutdown).as("SIGTERM exits within " + SHUTDOWN_BOUND).isNotNull();
        assertThat(bridge.transport.exitStatus()).as("exit status after SIGTERM (the systemd unit's SuccessExitStatus)")
                .isEqualTo(143);
    }

    /** Heap in use, from the transport's own metrics endpoint (Micrometer's JVM memory metrics). */
    private static long heapUsedBytes() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.metricsPort + "/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        return (long) response.body().lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
