package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.imbridge.msn.protocol.MsnpHashes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Dispatch and notification login (docs/msnp.md §3, §16.3 (a), (h) login-stage cases). */
class LoginTest {

    private TestNetwork net;

    @BeforeEach
    void start() throws IOException {
        net = TestNetwork.start();
    }

    @AfterEach
    void stop() throws IOException {
        net.close();
    }

    private String ds() {
        return "127.0.0.1:" + net.server.dispatchAddress().getPort();
    }

    private String ns() {
        return "127.0.0.1:" + net.server.notificationAddress().getPort();
    }

    @Test
    void loginViaDispatchWithRedirect() throws IOException {
        WireClient d = net.connect(net.server.dispatchAddress(), "ds");
        d.send("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0").expect("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        d.send("INF 2").expect("INF 2 MD5");
        d.send("USR 3 MD5 I alice@hotmail.com").expect("XFR 3 NS " + ns() + " 0 " + ds());
        d.expectClosed();

        WireClient n = net.connectNs("ns");
        n.send("VER 4 MSNP7 MSNP6 MSNP5 MSNP4 CVR0").expect("VER 4 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        n.send("INF 5").expect("INF 5 MD5");
        n.send("USR 6 MD5 I alice@hotmail.com");
        String salt = TestNetwork.saltFrom(n.nextLine(), "6");
        n.send("USR 7 MD5 S " + MsnpHashes.loginResponse(salt, TestNetwork.ALICE_PASSWORD));
        n.expect("USR 7 OK alice@hotmail.com Alice 1");
        assertThat(net.server.connectionsOpened()).as("dispatch, then notification").isEqualTo(2);
        assertThat(net.server.commandsReceived()).as("VER INF USR, then VER INF USR USR").isEqualTo(7);
        WireClient.Frame profile = n.next();
        assertThat(profile.payloadText()).matches("(?s)MIME-Version: 1\\.0\r\n"
                + "Content-Type: text/x-msmsgsprofile; charset=UTF-8\r\n"
                + "LoginTime: \\d+\r\n"
                + "EmailEnabled: 0\r\n"
                + "MemberIdHigh: -?\\d+\r\n"
                + "MemberIdLow: -?\\d+\r\n"
                + "lang_preference: 1033\r\n"
                + "preferredEmail: alice@hotmail\\.com\r\n"
                + "country: US\r\n"
                + "PostalCode: \r\n"
                + "Gender: \r\n"
                + "Kid: 0\r\n"
                + "Age: \r\n"
                + "sid: 507\r\n"
                + "kv: 2\r\n"
                + "MSPAuth: \\S+\r\n\r\n");
        assertThat(profile.line()).isEqualTo("MSG Hotmail Hotmail " + profile.payload().length);
        n.sync();
        assertThat(net.server.isOnline("alice@hotmail.com")).isTrue();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "only Linux binds all of 127.0.0.0/8 to the loopback")
    void referralsNameTheNotificationServersAddressesInTurnAndEachOneLogsIn() throws IOException {
        net.close();
        net = new TestNetwork(b -> b.extraNotificationHosts(List.of("127.0.0.2", "127.0.0.3")));
        int port = net.server.notificationAddress().getPort();
        assertThat(net.server.notificationAddresses())
                .extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .containsExactly("127.0.0.1:" + port, "127.0.0.2:" + port, "127.0.0.3:" + port);

        List<String> referred = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WireClient d = net.connect(net.server.dispatchAddress(), "ds" + i);
            d.send("VER 1 MSNP7 CVR0").expect("VER 1 MSNP7 CVR0");
            d.send("USR 2 MD5 I alice@hotmail.com");
            String xfr = d.nextLine();
            assertThat(xfr).endsWith(" 0 " + ds());
            referred.add(xfr.split(" ")[3]);
            d.expectClosed();
        }
        assertThat(referred).containsExactly("127.0.0.1:" + port, "127.0.0.2:" + port, "127.0.0.3:" + port,
                "127.0.0.1:" + port);

        WireClient n = net.connect(net.server.notificationAddresses().get(2), "ns at 127.0.0.3");
        n.send("VER 3 MSNP7 CVR0").expect("VER 3 MSNP7 CVR0");
        n.send("USR 4 MD5 I alice@hotmail.com");
        String salt = TestNetwork.saltFrom(n.nextLine(), "4");
        n.send("USR 5 MD5 S " + MsnpHashes.loginResponse(salt, TestNetwork.ALICE_PASSWORD));
        n.expect("USR 5 OK alice@hotmail.com Alice 1");
    }

    @Test
    void saltIsFreshPerLoginAndTheMd5IsComparedIgnoringCase() throws IOException {
        WireClient a = net.connectNs("a");
        a.send("VER 1 MSNP7 CVR0").expect("VER 1 MSNP7 CVR0");
        a.send("USR 2 MD5 I alice@hotmail.com");
        String salt1 = TestNetwork.saltFrom(a.nextLine(), "2");
        WireClient b = net.connectNs("b");
        b.send("VER 1 MSNP7").expect("VER 1 MSNP7");
        b.send("USR 2 MD5 I alice@hotmail.com");
        String salt2 = TestNetwork.saltFrom(b.nextLine(), "2");
        assertThat(salt1).isNotEqualTo(salt2);
        a.send("USR 3 MD5 S " + MsnpHashes.loginResponse(salt1, TestNetwork.ALICE_PASSWORD).toUpperCase());
        a.expect("USR 3 OK alice@hotmail.com Alice 1");
    }

    @Test
    void versionReplyEchoesTheSupportedSubsetInTheClientsOrderAndSpelling() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("VER 1 MSNP9 MSNP8 msnp7 MSNP5 CVR0 FOO").expect("VER 1 msnp7 MSNP5 CVR0");
    }

    @Test
    void versionWithoutSupportedDialectIsAnsweredWithZeroAndClosed() throws IOException {
        WireClient d = net.connect(net.server.dispatchAddress(), "ds");
        d.send("VER 1 MSNP8 CVR0").expect("VER 1 0");
        d.expectClosed();
    }

    @Test
    void wrongPasswordGets911AndClose() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0").expect("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        c.send("INF 2").expect("INF 2 MD5");
        c.send("USR 6 MD5 I alice@hotmail.com");
        TestNetwork.saltFrom(c.nextLine(), "6");
        c.send("USR 7 MD5 S 00000000000000000000000000000000").expect("911 7");
        c.expectClosed();
        assertThat(net.server.isOnline("alice@hotmail.com")).isFalse();
    }

    @Test
    void unknownAccountGets911AfterTheSalt() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("VER 1 MSNP7").expect("VER 1 MSNP7");
        c.send("USR 2 MD5 I ghost@hotmail.com");
        String salt = TestNetwork.saltFrom(c.nextLine(), "2");
        c.send("USR 3 MD5 S " + MsnpHashes.loginResponse(salt, "anything")).expect("911 3");
        c.expectClosed();
    }

    @Test
    void cvrBeforeTheInitialUsrGets731AndClose() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0").expect("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        c.send("CVR 2 0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS").expect("731 2");
        c.expectClosed();
    }

    @Test
    void cvrBetweenUsrIAndUsrSGets715AndClose() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("VER 1 MSNP7").expect("VER 1 MSNP7");
        c.send("USR 2 MD5 I alice@hotmail.com");
        TestNetwork.saltFrom(c.nextLine(), "2");
        c.send("CVR 3 0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS").expect("715 3");
        c.expectClosed();
    }

    @Test
    void secondVerGets715AndClose() throws IOException {
        WireClient d = net.connect(net.server.dispatchAddress(), "ds");
        d.send("VER 1 MSNP7").expect("VER 1 MSNP7");
        d.send("VER 2 MSNP7").expect("715 2");
        d.expectClosed();
    }

    @Test
    void meaninglessCommandDuringLoginDisconnectsSilently() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("VER 1 MSNP7").expect("VER 1 MSNP7");
        c.send("SYN 2 0");
        c.expectClosed();
    }

    @Test
    void commandBeforeVerDisconnectsSilently() throws IOException {
        WireClient c = net.connectNs("c");
        c.send("INF 1");
        c.expectClosed();
    }

    @Test
    void cvrAfterLoginIsAnswered() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.send("CVR 5 0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS")
                .expect("CVR 5 4.6.0083 4.6.0083 1.0.0863 "
                        + "http://download.microsoft.com/download/msnmessenger/install/4.7/win98me/en-us/mmssetup.exe "
                        + "http://messenger.microsoft.com");
        c.send("CVR 6 0x0409 win").expect("710 6");
    }

    @Test
    void usrAfterLoginGets207() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.send("USR 5 MD5 I alice@hotmail.com").expect("207 5");
        c.sync();
    }

    @Test
    void verAfterLoginGets715AndClose() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.send("VER 5 MSNP7").expect("715 5");
        c.expectClosed();
    }

    @Test
    void secondLoginSendsOutOthToTheOlderSession() throws IOException {
        WireClient bob = net.online("bob@hotmail.com", "bobpass", "NLN");
        WireClient first = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        bob.expect("NLN NLN alice@hotmail.com Alice");
        WireClient second = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        first.expect("OUT OTH");
        first.expectClosed();
        bob.expect("FLN alice@hotmail.com");
        second.sync();
        second.send("CHG 5 NLN").expect("CHG 5 NLN", "ILN 5 NLN bob@hotmail.com Bob");
        bob.expect("NLN NLN alice@hotmail.com Alice");
        bob.sync();
    }

    @Test
    void outIsEchoedAndCloses() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.send("OUT").expect("OUT");
        c.expectClosed();
        await().until(() -> !net.server.isOnline("alice@hotmail.com"));
    }

    @Test
    void msgToTheNotificationServerCloses() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.sendPayload("MSG 33 N", "hello");
        c.expectClosed();
    }

    @Test
    void unknownCommandGets200() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.send("ZAP 9 whatever").expect("200 9");
        c.send("FND 10 fname=Bob lname=X city=* state=* country=US").expect("502 10");
        c.sync();
    }

    @Test
    void urlIsAnswered() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.send("URL 9 INBOX").expect("URL 9 /cgi-bin/HoTMaiL https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033 2");
        c.send("URL 10 NOPE").expect("201 10");
    }

    @Test
    void malformedLineClosesTheConnection() throws IOException {
        WireClient c = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        c.sendRaw("chg 5 NLN\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        c.expectClosed();
    }

    @Test
    void garbageClosesOnlyThatConnection() throws IOException {
        WireClient longLine = net.connectNs("long");
        longLine.sendRaw("X".repeat(3000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        longLine.expectClosed();
        WireClient binary = net.connect(net.server.dispatchAddress(), "binary");
        binary.sendRaw(new byte[] {'V', 'E', 'R', ' ', '1', ' ', (byte) 0xff, (byte) 0xfe, '\r', '\n'});
        binary.expectClosed();
        WireClient bareLf = net.connectSb("bare-lf");
        bareLf.sendRaw("USR 1 a@b.com x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bareLf.expectClosed();
        net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD).sync();
    }
}
