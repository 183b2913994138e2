package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the client tests: a fake notification server, a client with short timeouts, and
 * the server side of the reference's example sessions (msnp7.md §16.3).
 */
abstract class ClientTestSupport {

    static final String ALICE = "alice@hotmail.com";
    static final String PASSWORD = "abcdefg1234567";
    static final String SALT = "1056561624.17795";
    /** md5(SALT + PASSWORD), reference §16.1. */
    static final String SALTED_PASSWORD = "483eee01d6a1de1b668cac9a0ac75d91";
    static final String VER_LINE = "VER %d MSNP7 MSNP6 MSNP5 MSNP4 MSNP3 MSNP2 CVR0";

    protected FakeMsnServer server;
    protected MsnClient client;
    protected final RecordingListener events = new RecordingListener();

    /** A logged-in session and the server side of its notification connection. */
    record LoggedIn(NotificationSession session, FakePeer ns) {
    }

    @BeforeEach
    void startServer() throws Exception {
        server = FakeMsnServer.start();
    }

    @AfterEach
    void stopAll() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** Short timeouts, long enough not to fire during a scripted exchange. */
    MsnClientConfig.Builder testConfig() {
        return MsnClientConfig.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .loginTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(5))
                .pingInterval(Duration.ofMinutes(5))
                .ackTimeout(Duration.ofSeconds(5))
                .inviteTimeout(Duration.ofSeconds(5))
                .switchboardIdleTimeout(Duration.ofMinutes(5))
                .ioProcessors(2);
    }

    MsnClient client() {
        return client(testConfig().build());
    }

    MsnClient client(MsnClientConfig config) {
        if (client == null) {
            client = new MsnClient(config);
        }
        return client;
    }

    CompletableFuture<NotificationSession> startLogin() {
        return client().login(ALICE, PASSWORD, server.address(), events).toCompletableFuture();
    }

    /** Logs in directly at the notification server (no referral) with {@code contacts} on the forward list, else empty lists. */
    LoggedIn loggedIn(String... contacts) throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        serveLists(ns, contacts);
        return new LoggedIn(await(login), ns);
    }

    /**
     * The server side of §16.3 (a) up to {@code USR 7 OK}: dispatch at {@link #server} refers to
     * {@code notification}; returns the notification connection, whose next TrID from the client is 8.
     */
    FakePeer seedLoginVia(FakeMsnServer notification) throws Exception {
        FakePeer ds = server.accept();
        MsnpCommandLines.answer(ds, "VER", "MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        MsnpCommandLines.answer(ds, "INF", "MD5");
        long t = ds.expect("USR").trId();
        ds.send("XFR " + t + " NS " + notification.hostPort() + " 0 " + server.hostPort());
        FakePeer ns = notification.accept();
        serveLogin(ns, "Alice");
        return ns;
    }

    /** VER, INF, {@code USR MD5 I} answered with the salt at once, {@code USR MD5 S}, OK. */
    static void serveLogin(FakePeer ns, String friendly) throws InterruptedException {
        MsnpCommandLines.answer(ns, "VER", "MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        MsnpCommandLines.answer(ns, "INF", "MD5");
        MsnpCommandLines.answer(ns, "USR", "MD5 S " + SALT);
        MsnpCommandLines.answer(ns, "USR", "OK " + ALICE + " " + friendly + " 1");
    }

    /** A SYN answer with nothing on any list. */
    static void serveEmptyLists(FakePeer ns) throws InterruptedException {
        serveLists(ns);
    }

    /** A SYN answer with {@code forward} on the forward list (group 0) and nothing on the other lists. */
    static void serveLists(FakePeer ns, String... forward) throws InterruptedException {
        long t = ns.expect("SYN").trId();
        ns.send("SYN " + t + " 1", "GTC " + t + " 1 A", "BLP " + t + " 1 AL");
        if (forward.length == 0) {
            ns.send("LST " + t + " FL 1 0 0");
        }
        for (int i = 0; i < forward.length; i++) {
            ns.send("LST " + t + " FL 1 " + (i + 1) + " " + forward.length + " " + forward[i] + " " + forward[i] + " 0");
        }
        ns.send("LST " + t + " AL 1 0 0", "LST " + t + " BL 1 0 0", "LST " + t + " RL 1 0 0");
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(FakePeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stage failed: " + e.getCause(), e.getCause());
        }
    }

    /** The exception a stage fails with (within 5 s). */
    static Throwable failureOf(CompletionStage<?> stage) throws Exception {
        try {
            Object value = stage.toCompletableFuture().get(FakePeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected the stage to fail, but it completed with " + value);
        } catch (ExecutionException e) {
            return Futures.unwrap(e);
        }
    }

    static void assertError(CompletionStage<?> stage, int code) throws Exception {
        Throwable failure = failureOf(stage);
        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(code);
    }
}
