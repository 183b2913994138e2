package org.imbridge.msnserver;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SYN, LST, LSG (docs/msnp.md §5.3, §5.4, §16.3 (b)). */
class ListSyncTest {

    /** The layout of §16.3 (b): two groups, phones, bob in Friends, carol in both, only bob watches alice. */
    private static final String ACCOUNTS = """
            accounts:
              - email: alice@hotmail.com
                password: abcdefg1234567
                nick: Alice
                groups: [Friends]
                phones: {PHH: "555 1234"}
                contacts:
                  - {email: bob@hotmail.com, groups: [Friends]}
                  - {email: carol@hotmail.com, groups: [Other Contacts, Friends]}
              - email: bob@hotmail.com
                password: bobpass
                nick: Bob
                contacts: [alice@hotmail.com]
                phones: {PHH: "1 (222) 3333", PHW: "", MOB: "N"}
              - email: carol@hotmail.com
                password: carolpass
                nick: Carol
            """;

    private TestNetwork net;
    private WireClient alice;

    @BeforeEach
    void start() throws IOException {
        net = new TestNetwork(ACCOUNTS, b -> b);
        alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
    }

    @AfterEach
    void stop() throws IOException {
        net.close();
    }

    @Test
    void fullDumpWhenTheClientHasNoCache() {
        alice.send("SYN 8 0").expect(
                "SYN 8 1",
                "GTC 8 1 A",
                "BLP 8 1 AL",
                "PRP 8 1 PHH 555%201234",
                "LSG 8 1 1 2 0 Other%20Contacts 0",
                "LSG 8 1 2 2 1 Friends 0",
                "LST 8 FL 1 1 2 bob@hotmail.com Bob 1",
                "BPR 1 bob@hotmail.com PHH 1%20(222)%203333",
                "BPR 1 bob@hotmail.com PHW",
                "BPR 1 bob@hotmail.com MOB N",
                "LST 8 FL 1 2 2 carol@hotmail.com Carol 0,1",
                "LST 8 AL 1 1 2 bob@hotmail.com Bob",
                "LST 8 AL 1 2 2 carol@hotmail.com Carol",
                "LST 8 BL 1 0 0",
                "LST 8 RL 1 1 1 bob@hotmail.com Bob");
        alice.sync();
    }

    @Test
    void upToDateCacheGetsOnlyTheVersion() {
        alice.send("SYN 8 1").expect("SYN 8 1");
        alice.sync();
    }

    @Test
    void aChangeBumpsTheVersionAndTheNextSyncIsFull() {
        alice.send("GTC 9 N").expect("GTC 9 2 N");
        alice.send("SYN 10 1").expect("SYN 10 2", "GTC 10 2 N", "BLP 10 2 AL");
        alice.skipUntil("LST 10 RL 2 1 1 bob@hotmail.com Bob");
        alice.sync();
        alice.send("SYN 11 2").expect("SYN 11 2");
        alice.sync();
    }

    @Test
    void standAloneLstAndLsg() {
        alice.send("LST 12 RL").expect("LST 12 RL 1 1 1 bob@hotmail.com Bob");
        alice.send("LST 13 BL").expect("LST 13 BL 1 0 0");
        alice.send("LST 14 FL").expect(
                "LST 14 FL 1 1 2 bob@hotmail.com Bob 1",
                "LST 14 FL 1 2 2 carol@hotmail.com Carol 0,1");
        alice.send("LSG 15").expect("LSG 15 1 1 2 0 Other%20Contacts 0", "LSG 15 1 2 2 1 Friends 0");
        alice.send("LST 16 XL").expect("201 16");
        alice.send("SYN 17 abc").expect("201 17");
        alice.sync();
    }

    @Test
    void syncIsAllowedBeforeTheFirstChg() {
        alice.send("SYN 8 1").expect("SYN 8 1");
        alice.send("CHG 9 NLN").expect("CHG 9 NLN");
        alice.sync();
    }
}
