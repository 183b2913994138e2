package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpError;
import org.junit.jupiter.api.Test;

/** Login through dispatch and notification servers (docs/msnp.md §3, §16.3 (a), seed article). */
class LoginTest extends ClientTestSupport {

    /** The profile payload of §16.3 (a), 354 bytes. */
    static final String PROFILE = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\n"
            + "LoginTime: 1056561625\r\nEmailEnabled: 1\r\nMemberIdHigh: 85040\r\nMemberIdLow: -517030579\r\n"
            + "lang_preference: 1033\r\npreferredEmail: alice@hotmail.com\r\ncountry: US\r\nPostalCode: \r\n"
            + "Gender: \r\nKid: 0\r\nAge: \r\nsid: 507\r\nkv: 2\r\n"
            + "MSPAuth: 2AAAAAAAADMoV8ORoz64BVwmjtksIg!kmR!Rj5tBBqEaW9hc4YnPHSOQ$$\r\n\r\n";
    /** The initial e-mail notification of §16.3 (a), 221 bytes. */
    static final String INITIAL_EMAIL = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/x-msmsgsinitialemailnotification; charset=UTF-8\r\n\r\n"
            + "Inbox-Unread: 1\r\nFolders-Unread: 0\r\nInbox-URL: /cgi-bin/HoTMaiL\r\n"
            + "Folders-URL: /cgi-bin/folders\r\nPost-URL: http://www.hotmail.com\r\n\r\n";

    @Test
    void seedLoginFollowsTheReferralAndSendsTheReferenceLines() throws Exception {
        try (FakeMsnServer notification = FakeMsnServer.start()) {
            CompletableFuture<NotificationSession> login = startLogin();

            FakePeer ds = server.accept();
            ds.expectLine(VER_LINE.formatted(1));
            ds.send("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
            ds.expectLine("INF 2");
            ds.send("INF 2 MD5");
            ds.expectLine("USR 3 MD5 I alice@hotmail.com");
            ds.send("XFR 3 NS " + notification.hostPort() + " 0 " + server.hostPort());
            ds.awaitClosed();

            FakePeer ns = notification.accept();
            ns.expectLine(VER_LINE.formatted(4));
            ns.send("VER 4 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
            ns.expectLine("INF 5");
            ns.send("INF 5 MD5");
            ns.expectLine("USR 6 MD5 I alice@hotmail.com");
            ns.send("USR 6 MD5 S " + SALT);
            ns.expectLine("USR 7 MD5 S " + SALTED_PASSWORD);
            ns.send("USR 7 OK alice@hotmail.com Alice%20Smith 1");
            ns.sendPayload("MSG Hotmail Hotmail", PROFILE);
            ns.sendPayload("MSG Hotmail Hotmail", INITIAL_EMAIL);
            ns.expectLine("SYN 8 0");
            ns.send("SYN 8 1", "GTC 8 1 A", "BLP 8 1 AL", "LST 8 FL 1 0 0", "LST 8 AL 1 0 0", "LST 8 BL 1 0 0",
                    "LST 8 RL 1 0 0");

            NotificationSession session = await(login);
            assertThat(session.ownHandle()).isEqualTo(ALICE);
            assertThat(session.friendlyName()).isEqualTo("Alice Smith");
            assertThat(session.protocolVersion()).isEqualTo(7);
            assertThat(session.status()).isEqualTo(MsnStatus.FLN);
            assertThat(session.isConnected()).isTrue();
            assertThat(session.profile().mspAuth()).isEqualTo("2AAAAAAAADMoV8ORoz64BVwmjtksIg!kmR!Rj5tBBqEaW9hc4YnPHSOQ$$");
            assertThat(session.profile().field("LoginTime")).isEqualTo("1056561625");
            assertThat(session.profile().toString()).doesNotContain("2AAAA").contains("MSPAuth=<withheld>");
            assertThat(events.await(RecordingListener.Email.class).notification())
                    .isEqualTo(new EmailNotification.Initial(1, 0));
            assertThat(events.await(RecordingListener.ListReady.class).list().version()).isEqualTo(1);
            assertThat(client.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void referralToAHostNameIsResolvedAndFollowed() throws Exception {
        try (FakeMsnServer notification = FakeMsnServer.start()) {
            CompletableFuture<NotificationSession> login = startLogin();
            FakePeer ds = server.accept();
            MsnpCommandLines.answer(ds, "VER", "MSNP7");
            MsnpCommandLines.answer(ds, "INF", "MD5");
            ds.send("XFR " + ds.expect("USR").trId() + " NS localhost:" + notification.address().getPort() + " 0");

            FakePeer ns = notification.accept();
            serveLogin(ns, "Alice");
            serveEmptyLists(ns);
            assertThat(await(login).isConnected()).isTrue();
        }
    }

    @Test
    void referralToAnUnknownHostFailsAsUnreachable() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ds = server.accept();
        MsnpCommandLines.answer(ds, "VER", "MSNP7");
        MsnpCommandLines.answer(ds, "INF", "MD5");
        ds.send("XFR " + ds.expect("USR").trId() + " NS no-such-host.invalid:1863 0");

        assertThat(failureOf(login)).isInstanceOf(MsnConnectException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void serverThatAnswersUsrWithTheSaltDirectlyNeedsNoReferral() throws Exception {
        CompletableFuture<NotificationSession> login =
                client().login("bob@hotmail.com", "secret", server.address(), events).toCompletableFuture();
        FakePeer ns = server.accept();
        ns.expectLine(VER_LINE.formatted(1));
        ns.send("VER 1 MSNP7");
        ns.expectLine("INF 2");
        ns.send("INF 2 MD5");
        ns.expectLine("USR 3 MD5 I bob@hotmail.com");
        ns.send("USR 3 MD5 S 1234567890.12345");
        ns.expectLine("USR 4 MD5 S 0fcaf1ec2e4f24263ca2bce76c4c9d42");
        ns.send("USR 4 OK bob@hotmail.com Bob 1");
        serveEmptyLists(ns);

        NotificationSession session = await(login);
        assertThat(session.ownHandle()).isEqualTo("bob@hotmail.com");
        assertThat(session.friendlyName()).isEqualTo("Bob");
    }

    @Test
    void takesTheHighestCommonDialectFromAnEchoedList() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        MsnpCommandLines.answer(ns, "VER", "MSNP5 MSNP4 CVR0");
        MsnpCommandLines.answer(ns, "INF", "MD5");
        MsnpCommandLines.answer(ns, "USR", "MD5 S " + SALT);
        MsnpCommandLines.answer(ns, "USR", "OK " + ALICE + " Alice 1");
        serveEmptyLists(ns);

        assertThat(await(login).protocolVersion()).isEqualTo(5);
    }

    @Test
    void versionZeroMeansNoCommonDialect() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        MsnpCommandLines.answer(ns, "VER", "0");

        assertThat(failureOf(login)).isInstanceOf(MsnProtocolViolationException.class)
                .hasMessageContaining("no common protocol version");
        ns.awaitClosed();
    }

    @Test
    void serverWithoutMd5IsRefused() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        MsnpCommandLines.answer(ns, "VER", "MSNP7");
        MsnpCommandLines.answer(ns, "INF", "CTP");

        assertThat(failureOf(login)).isInstanceOf(MsnProtocolViolationException.class).hasMessageContaining("MD5");
    }

    @Test
    void tooManyReferralsFailTheLogin() throws Exception {
        try (FakeMsnServer loop = FakeMsnServer.start((peer, cmd) -> {
            switch (cmd.name()) {
                case "VER" -> peer.send("VER " + cmd.trId() + " MSNP7");
                case "INF" -> peer.send("INF " + cmd.trId() + " MD5");
                default -> peer.send("XFR " + cmd.trId() + " NS 127.0.0.1:" + peer.localPort() + " 0");
            }
        })) {
            MsnClient c = client(testConfig().maxNsRedirects(2).build());
            CompletableFuture<NotificationSession> login =
                    c.login(ALICE, PASSWORD, loop.address(), events).toCompletableFuture();

            assertThat(failureOf(login)).isInstanceOf(MsnProtocolViolationException.class)
                    .hasMessageContaining("more than 2 notification server referrals");
            assertThat(loop.connectionCount()).isEqualTo(3);
        }
    }

    @Test
    void wrongPasswordFailsWith911() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        MsnpCommandLines.answer(ns, "VER", "MSNP7");
        MsnpCommandLines.answer(ns, "INF", "MD5");
        MsnpCommandLines.answer(ns, "USR", "MD5 S " + SALT);
        long t = ns.expectLine("USR 4 MD5 S " + SALTED_PASSWORD).trId();
        ns.send("911 " + t);

        Throwable failure = failureOf(login);
        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(911);
        assertThat(((MsnErrorException) failure).error()).isEqualTo(MsnpError.AUTHENTICATION_FAILED);
        ns.awaitClosed();
        assertThat(events.all()).as("a failed login reports through its stage only").isEmpty();
    }

    @Test
    void unreachableServerFailsWithConnectException() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        CompletableFuture<NotificationSession> login = client()
                .login(ALICE, PASSWORD, new InetSocketAddress("127.0.0.1", closedPort), events).toCompletableFuture();

        Throwable failure = failureOf(login);
        assertThat(failure).isInstanceOf(MsnConnectException.class).isNotInstanceOf(MsnErrorException.class);
        assertThat(((MsnConnectException) failure).address().getPort()).isEqualTo(closedPort);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        client(testConfig().loginTimeout(Duration.ofMillis(300)).build());
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        ns.expect("VER");

        assertThat(failureOf(login)).isInstanceOf(MsnTimeoutException.class);
        ns.awaitClosed();
    }

    @Test
    void serverClosingDuringLoginFailsTheLogin() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        ns.expect("VER");
        ns.close();

        assertThat(failureOf(login)).isInstanceOf(MsnConnectionClosedException.class);
    }

    @Test
    void cvrIsSentOnlyAfterLoginWhenConfigured() throws Exception {
        client(testConfig().cvr("0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS").build());
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        ns.expectLine("CVR 5 0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS");
        ns.send("CVR 5 4.6.0083 4.6.0083 1.0.0863 http://download.example.org http://messenger.example.org");
        ns.expectLine("SYN 6 0");
        ns.send("SYN 6 0");

        assertThat(await(login).contactList().contacts()).isEmpty();
    }

    @Test
    void refusedCvrDoesNotFailTheLogin() throws Exception {
        client(testConfig().cvr("0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS").build());
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        ns.send("710 " + ns.expect("CVR").trId());
        serveEmptyLists(ns);

        assertThat(await(login).isConnected()).isTrue();
    }

    @Test
    void invalidHandleIsRejectedBeforeConnecting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> client().login("not a handle", PASSWORD, server.address(), events))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.connectionCount()).isZero();
    }
}
