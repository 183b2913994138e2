package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.imbridge.msn.protocol.ListType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADD / REM / REA / BLP / GTC / ADG / RMG / REG with versions, side effects and every error case of
 * docs/msnp.md §16.3 (c) and (h). All accounts start at list version 1.
 */
class ListEditTest {

    private TestNetwork net;
    private WireClient alice;

    @BeforeEach
    void start() throws IOException {
        net = TestNetwork.start();
        alice = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
    }

    @AfterEach
    void stop() throws IOException {
        net.close();
    }

    @Test
    void addToForwardListTellsTheContactAndFollowsWithIln() throws IOException {
        WireClient dave = net.online("dave@hotmail.com", "davepass", "BSY");
        alice.send("ADD 14 FL dave@hotmail.com Dave").expect(
                "ADD 14 FL 2 dave@hotmail.com Dave",
                "ILN 14 BSY dave@hotmail.com Dave");
        dave.expect("ADD 0 RL 2 alice@hotmail.com Alice");
        dave.send("ADD 6 AL alice@hotmail.com Alice").expect("ADD 6 AL 3 alice@hotmail.com Alice");
        alice.send("REM 15 FL dave@hotmail.com").expect("REM 15 FL 3 dave@hotmail.com");
        dave.expect("REM 0 RL 4 alice@hotmail.com");
        alice.sync();
        dave.sync();
        assertThat(net.server.listOf("dave@hotmail.com", ListType.RL)).isEmpty();
    }

    @Test
    void noIlnWhenTheNewContactIsOfflineAndTheReverseListShowsUpInTheirNextSync() throws IOException {
        alice.send("ADD 14 FL erin@hotmail.com Erin").expect("ADD 14 FL 2 erin@hotmail.com Erin");
        alice.sync();
        WireClient erin = net.login("erin@hotmail.com", "erinpass");
        erin.send("SYN 8 0").expect("SYN 8 2", "GTC 8 2 A", "BLP 8 2 AL", "LSG 8 2 1 1 0 Other%20Contacts 0",
                "LST 8 FL 2 0 0", "LST 8 AL 2 0 0", "LST 8 BL 2 0 0", "LST 8 RL 2 1 1 alice@hotmail.com Alice");
        erin.sync();
    }

    @Test
    void renamedUserIsAnnouncedInRlPushes() throws IOException {
        WireClient erin = net.online("erin@hotmail.com", "erinpass", "NLN");
        alice.send("REA 13 alice@hotmail.com Alice%20in%20Wonderland")
                .expect("REA 13 2 alice@hotmail.com Alice%20in%20Wonderland");
        alice.send("ADD 15 FL erin@hotmail.com Erin").expect(
                "ADD 15 FL 3 erin@hotmail.com Erin",
                "ILN 15 NLN erin@hotmail.com Erin");
        erin.expect("ADD 0 RL 2 alice@hotmail.com Alice%20in%20Wonderland");
    }

    @Test
    void errorCasesOfTheReference() throws IOException {
        alice.send("ADD 20 FL a@b a@b").expect("201 20");
        alice.send("ADD 21 AL ghost@hotmail.com ghost@hotmail.com").expect("205 21");
        alice.send("ADD 22 AL bob@hotmail.com Bob").expect("215 22");
        alice.send("ADD 23 BL bob@hotmail.com Bob").expect("219 23");
        alice.send("ADD 24 FL x@hotmail.com x@hotmail.com 31").expect("224 24");
        alice.send("REM 26 AL nobody@hotmail.com").expect("216 26");
        alice.send("BLP 27 AL").expect("218 27");
        alice.send("GTC 27 A").expect("218 27");
        alice.send("CHG 28 FLN").expect("201 28");
        alice.send("ADD 29 FL bob@hotmail.com Bob").expect("215 29");
        alice.send("ADD 30 AL dave@hotmail.com Dave 0").expect("201 30");
        alice.send("ADD 31 XL dave@hotmail.com Dave").expect("201 31");
        alice.send("ADD 32 FL dave@hotmail.com").expect("200 32");
        alice.send("REM 33 FL dave@hotmail.com").expect("216 33");
        alice.send("REA 34 dave@hotmail.com Dave").expect("216 34");
        alice.send("REA 35 alice@hotmail.com " + "x".repeat(388)).expect("209 35");
        alice.send("ADD 36 FL dave@hotmail.com " + "%41".repeat(130)).expect("209 36");
        alice.sync();
        assertThat(net.server.listVersion("alice@hotmail.com")).isEqualTo(1);
    }

    @Test
    void addingToTheReverseListDisconnects() {
        alice.send("ADD 25 RL bob@hotmail.com Bob");
        alice.expectClosed();
    }

    @Test
    void removingFromTheReverseListDisconnects() {
        alice.send("REM 25 RL bob@hotmail.com");
        alice.expectClosed();
    }

    @Test
    void fullForwardListGets210() throws IOException {
        net.close();
        net = new TestNetwork(b -> b.forwardListLimit(3));
        alice = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        alice.send("ADD 10 FL dave@hotmail.com Dave").expect("ADD 10 FL 2 dave@hotmail.com Dave");
        alice.send("ADD 11 FL erin@hotmail.com Erin").expect("210 11");
    }

    @Test
    void groupsAndGroupMembership() throws IOException {
        WireClient carol = net.online("carol@hotmail.com", "carolpass", "NLN");
        alice.send("PNG").skipUntil("QNG");
        alice.send("ADG 16 Friends 0").expect("ADG 16 2 Friends 1 0");
        alice.send("ADD 17 FL carol@hotmail.com Carol 1").expect("ADD 17 FL 3 carol@hotmail.com Carol 1");
        alice.send("ADD 18 FL carol@hotmail.com Carol 1").expect("215 18");
        alice.send("LST 19 FL").expect(
                "LST 19 FL 3 1 2 bob@hotmail.com Bob 0",
                "LST 19 FL 3 2 2 carol@hotmail.com Carol 0,1");
        alice.send("REM 20 FL carol@hotmail.com 1").expect("REM 20 FL 4 carol@hotmail.com 1");
        alice.send("REM 21 FL carol@hotmail.com 1").expect("225 21");
        alice.send("REM 22 FL carol@hotmail.com 7").expect("224 22");
        alice.send("REG 23 1 Best%20Friends 0").expect("REG 23 5 1 Best%20Friends 0");
        alice.send("LSG 24").expect("LSG 24 5 1 2 0 Other%20Contacts 0", "LSG 24 5 2 2 1 Best%20Friends 0");
        alice.send("REM 25 FL carol@hotmail.com 0").expect("REM 25 FL 6 carol@hotmail.com 0");
        carol.expect("REM 0 RL 2 alice@hotmail.com");
        assertThat(net.server.listOf("alice@hotmail.com", ListType.FL)).containsExactly("bob@hotmail.com");
        alice.sync();
    }

    @Test
    void removingAGroupDropsContactsOnlyInIt() throws IOException {
        WireClient dave = net.online("dave@hotmail.com", "davepass", "NLN");
        alice.send("ADG 16 Work 0").expect("ADG 16 2 Work 1 0");
        alice.send("ADD 17 FL dave@hotmail.com Dave 1").expect(
                "ADD 17 FL 3 dave@hotmail.com Dave 1",
                "ILN 17 NLN dave@hotmail.com Dave");
        alice.send("ADD 18 FL bob@hotmail.com Bob 1").expect("ADD 18 FL 4 bob@hotmail.com Bob 1");
        dave.expect("ADD 0 RL 2 alice@hotmail.com Alice");
        alice.send("RMG 19 1").expect("RMG 19 5 1");
        dave.expect("REM 0 RL 3 alice@hotmail.com");
        assertThat(net.server.listOf("alice@hotmail.com", ListType.FL))
                .containsExactly("bob@hotmail.com", "carol@hotmail.com");
        alice.send("LST 20 FL").expect(
                "LST 20 FL 5 1 2 bob@hotmail.com Bob 0",
                "LST 20 FL 5 2 2 carol@hotmail.com Carol 0");
        alice.sync();
    }

    @Test
    void groupErrors() {
        alice.send("ADG 10 " + "g".repeat(62) + " 0").expect("229 10");
        for (int i = 1; i <= 29; i++) {
            alice.send("ADG " + (100 + i) + " Group" + i + " 0").expect("ADG " + (100 + i) + " " + (1 + i)
                    + " Group" + i + " " + i + " 0");
        }
        alice.send("ADG 29 Group31 0").expect("223 29");
        alice.send("RMG 30 0").expect("230 30");
        alice.send("RMG 31 29").expect("RMG 31 31 29");
        alice.send("RMG 32 29").expect("224 32");
        alice.send("REG 33 29 Name 0").expect("224 33");
        alice.send("REG 34 1 " + "r".repeat(128) + " 0").expect("229 34");
        alice.send("ADG 35 Name").expect("200 35");
        alice.sync();
        alice.send("RMG 36 30");
        alice.expectClosed();
    }

    @Test
    void renameGroupWithAnOutOfRangeIdDisconnects() {
        alice.send("REG 36 31 Name 0");
        alice.expectClosed();
    }

    @Test
    void renamingAContactChangesTheStoredNickname() {
        alice.send("REA 10 bob@hotmail.com Bobby%20B").expect("REA 10 2 bob@hotmail.com Bobby%20B");
        alice.send("LST 11 FL").expect(
                "LST 11 FL 2 1 2 bob@hotmail.com Bobby%20B 0",
                "LST 11 FL 2 2 2 carol@hotmail.com Carol 0");
        alice.send("LST 12 AL").expect(
                "LST 12 AL 2 1 2 bob@hotmail.com Bobby%20B",
                "LST 12 AL 2 2 2 carol@hotmail.com Carol");
    }

    @Test
    void namesAreDecodedLenientlyAndReEncodedCanonically() {
        alice.send("REA 10 alice@hotmail.com %61lice%2fsmith%e2%98%BA").expect("REA 10 2 alice@hotmail.com alice/smith%E2%98%BA");
        alice.send("REA 11 alice@hotmail.com Caf\u00e9").expect("REA 11 3 alice@hotmail.com Caf%C3%A9");
    }

    @Test
    void phoneSettings() {
        alice.send("PRP 10 PHH 555%201234").expect("PRP 10 2 PHH 555%201234");
        alice.send("PRP 11 PHW").expect("PRP 11 3 PHW");
        alice.send("PRP 12 FAX 1").expect("201 12");
        alice.send("SYN 13 3").expect("SYN 13 3");
        alice.send("SYN 14 0").expect("SYN 14 3", "GTC 14 3 A", "BLP 14 3 AL", "PRP 14 3 PHH 555%201234",
                "PRP 14 3 PHW");
    }
}
