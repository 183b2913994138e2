package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.imbridge.msnserver.account.AccountSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-initiated MSG Hotmail pushes and OUT SSD (docs/msnp.md §3.5, §6.3). */
class NotificationPushTest {

    /** The initial e-mail example of docs/msnp.md §3.5, 221 bytes. */
    private static final String INITIAL_EMAIL = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/x-msmsgsinitialemailnotification; charset=UTF-8\r\n\r\n"
            + "Inbox-Unread: 1\r\nFolders-Unread: 0\r\nInbox-URL: /cgi-bin/HoTMaiL\r\n"
            + "Folders-URL: /cgi-bin/folders\r\nPost-URL: http://www.hotmail.com\r\n\r\n";

    private TestNetwork net;

    @BeforeEach
    void start() throws IOException {
        net = new TestNetwork(b -> b.clock(Clock.fixed(Instant.ofEpochSecond(1056561700), ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() throws IOException {
        net.close();
    }

    @Test
    void loginWithAConfiguredInboxGetsTheInitialEmailNotification() throws IOException {
        net.server.addAccount(AccountSpec.of("mail@hotmail.com", "mailpass", "Mail").withInbox(1));
        WireClient c = net.connectNs("mail");
        c.send("VER 1 MSNP7").expect("VER 1 MSNP7");
        c.send("USR 2 MD5 I mail@hotmail.com");
        String salt = TestNetwork.saltFrom(c.nextLine(), "2");
        assertThat(salt).startsWith("1056561700.");
        c.send("USR 3 MD5 S " + org.imbridge.msn.protocol.MsnpHashes.loginResponse(salt, "mailpass"))
                .expect("USR 3 OK mail@hotmail.com Mail 1");
        assertThat(c.next().payloadText()).contains("LoginTime: 1056561700\r\nEmailEnabled: 1\r\n");
        c.expectPayload("MSG Hotmail Hotmail 221", INITIAL_EMAIL);
        c.sync();
    }

    @Test
    void newMailNotification() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        assertThat(net.server.sendEmailNotification("alice@hotmail.com", "Bob", "bob@hotmail.com", "Hello")).isTrue();
        String expected = "MIME-Version: 1.0\r\n"
                + "Content-Type: text/x-msmsgsemailnotification; charset=UTF-8\r\n\r\n"
                + "From: Bob\r\n"
                + "Message-URL: /cgi-bin/getmsg?msg=MSG1056561700.1&start=1&len=1&curmbox=ACTIVE\r\n"
                + "Post-URL: https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033\r\n"
                + "Subject: Hello\r\n"
                + "Dest-Folder: ACTIVE\r\n"
                + "From-Addr: bob@hotmail.com\r\n"
                + "id: 2\r\n\r\n";
        alice.expectPayload("MSG Hotmail Hotmail 316", expected);
        assertThat(net.server.sendEmailNotification("bob@hotmail.com", "x@y.com", "offline")).isFalse();
    }

    @Test
    void headerInjectionInASubjectIsFlattened() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        net.server.sendEmailNotification("alice@hotmail.com", "x@y.com", "Hi\r\nFrom-Addr: evil@x.com");
        assertThat(alice.next().payloadText()).contains("Subject: Hi  From-Addr: evil@x.com\r\n")
                .containsOnlyOnce("\r\nFrom-Addr: ");
    }

    @Test
    void systemMessage() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        assertThat(net.server.sendSystemMessage("alice@hotmail.com", 5)).isTrue();
        alice.expectPayload("MSG Hotmail Hotmail 88",
                "MIME-Version: 1.0\r\nContent-Type: application/x-msmsgssystemmessage\r\n\r\nType: 1\r\nArg1: 5\r\n");
    }

    @Test
    void stopSendsOutSsdToEveryone() throws IOException {
        WireClient alice = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        WireClient bob = net.online("bob@hotmail.com", "bobpass", "NLN");
        alice.expect("NLN NLN bob@hotmail.com Bob");
        net.server.stop();
        alice.expect("OUT SSD");
        alice.expectClosed();
        bob.expect("OUT SSD");
        bob.expectClosed();
    }

    @Test
    void serverDropIsSeenAsAClosedSocket() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        assertThat(net.server.disconnect("alice@hotmail.com")).isTrue();
        alice.expectClosed();
        assertThat(net.server.disconnect("alice@hotmail.com")).isFalse();
    }
}
