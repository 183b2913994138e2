package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.imbridge.msn.protocol.MsnStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CHG, ILN, NLN / FLN fan-out and visibility (docs/msnp.md §4, §16.3 (c)). */
class PresenceTest {

    private TestNetwork net;

    @BeforeEach
    void start() throws IOException {
        net = TestNetwork.start();
    }

    @AfterEach
    void stop() throws IOException {
        net.close();
    }

    private WireClient bobOnline() throws IOException {
        return net.online("bob@hotmail.com", "bobpass", "NLN");
    }

    @Test
    void firstChgGetsTheIlnBurstWithItsTrIdAndWatchersGetNln() throws IOException {
        WireClient bob = bobOnline();
        WireClient carol = net.online("carol@hotmail.com", "carolpass", "BSY");
        bob.expect("NLN BSY carol@hotmail.com Carol");
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        alice.send("CHG 9 NLN").expect(
                "CHG 9 NLN",
                "ILN 9 NLN bob@hotmail.com Bob",
                "ILN 9 BSY carol@hotmail.com Carol");
        alice.sync();
        bob.expect("NLN NLN alice@hotmail.com Alice");
        carol.expect("NLN NLN alice@hotmail.com Alice");
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.NLN);
        alice.send("CHG 10 AWY").expect("CHG 10 AWY");
        alice.sync();
        bob.expect("NLN AWY alice@hotmail.com Alice");
    }

    @Test
    void noPresenceIsPushedBeforeTheFirstChg() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        WireClient bob = bobOnline();
        bob.send("CHG 6 AWY").expect("CHG 6 AWY");
        bob.sync();
        alice.sync();
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.FLN);
    }

    @Test
    void statusChangesRenamesHiddenAndLogout() throws IOException {
        WireClient alice = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        WireClient bob = bobOnline();
        alice.expect("NLN NLN bob@hotmail.com Bob");
        bob.send("CHG 6 AWY").expect("CHG 6 AWY");
        alice.expect("NLN AWY bob@hotmail.com Bob");
        bob.send("REA 7 bob@hotmail.com Bobby").expect("REA 7 2 bob@hotmail.com Bobby");
        alice.expect("NLN AWY bob@hotmail.com Bobby");
        bob.send("CHG 8 HDN").expect("CHG 8 HDN");
        alice.expect("FLN bob@hotmail.com");
        bob.send("XFR 9 SB").expect("913 9");
        bob.send("CHG 10 NLN").expect("CHG 10 NLN");
        alice.expect("NLN NLN bob@hotmail.com Bobby");
        bob.send("OUT").expect("OUT");
        alice.expect("FLN bob@hotmail.com");
        alice.sync();
    }

    @Test
    void hiddenUserStillReceivesPresenceAndIsNotInOthersIlnBurst() throws IOException {
        WireClient bob = net.online("bob@hotmail.com", "bobpass", "HDN");
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        alice.send("CHG 9 NLN").expect("CHG 9 NLN");
        alice.sync();
        bob.expect("NLN NLN alice@hotmail.com Alice");
        assertThat(net.server.statusOf("bob@hotmail.com")).isEqualTo(MsnStatus.HDN);
    }

    @Test
    void blockListAndPrivacyModeHideAndReveal() throws IOException {
        WireClient alice = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        WireClient bob = bobOnline();
        alice.expect("NLN NLN bob@hotmail.com Bob");
        bob.send("ADD 6 BL alice@hotmail.com Alice").expect("219 6");
        bob.send("REM 7 AL alice@hotmail.com").expect("REM 7 AL 2 alice@hotmail.com");
        alice.sync();
        bob.send("ADD 8 BL alice@hotmail.com Alice").expect("ADD 8 BL 3 alice@hotmail.com Alice");
        alice.expect("FLN bob@hotmail.com");
        bob.send("CHG 9 BSY").expect("CHG 9 BSY");
        alice.sync();
        bob.send("REM 10 BL alice@hotmail.com").expect("REM 10 BL 4 alice@hotmail.com");
        alice.expect("NLN BSY bob@hotmail.com Bob");
        bob.send("BLP 11 BL").expect("BLP 11 5 BL");
        alice.expect("FLN bob@hotmail.com");
        bob.send("ADD 12 AL alice@hotmail.com Alice").expect("ADD 12 AL 6 alice@hotmail.com Alice");
        alice.expect("NLN BSY bob@hotmail.com Bob");
        bob.send("BLP 13 BL").expect("218 13");
        bob.send("BLP 14 XX").expect("201 14");
        alice.sync();
    }

    @Test
    void blockedContactIsLeftOutOfTheIlnBurst() throws IOException {
        WireClient bob = bobOnline();
        bob.send("REM 6 AL alice@hotmail.com").expect("REM 6 AL 2 alice@hotmail.com");
        bob.send("ADD 7 BL alice@hotmail.com Alice").expect("ADD 7 BL 3 alice@hotmail.com Alice");
        WireClient carol = net.online("carol@hotmail.com", "carolpass", "NLN");
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        alice.send("CHG 9 NLN").expect("CHG 9 NLN", "ILN 9 NLN carol@hotmail.com Carol");
        alice.sync();
        carol.skipUntil("NLN NLN alice@hotmail.com Alice");
    }

    @Test
    void invalidStatusChanges() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        alice.send("CHG 28 FLN").expect("201 28");
        alice.send("CHG 29 XYZ").expect("201 29");
        alice.send("CHG 30").expect("200 30");
        alice.send("XFR 31 SB").expect("913 31");
        alice.sync();
    }

    @Test
    void pingGetsQng() throws IOException {
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        alice.send("PNG").expect("QNG");
    }

    @Test
    void droppedConnectionIsSeenAsFln() throws IOException {
        WireClient alice = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        WireClient bob = bobOnline();
        alice.expect("NLN NLN bob@hotmail.com Bob");
        bob.close();
        alice.expect("FLN bob@hotmail.com");
        assertThat(net.server.isOnline("bob@hotmail.com")).isFalse();
    }
}
