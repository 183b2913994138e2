package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Switchboard sessions (docs/msnp.md §7, §16.3 (d)–(h)). */
class SwitchboardTest {

    /** §16.3 (d): 120 bytes. */
    private static final String HI_BOB = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\n\r\nHi Bob!";
    /** §16.3 (d): 151 bytes, UTF-8. */
    private static final String HALLO_ALICE = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=MS%20Sans%20Serif; EF=B; CO=ff; CS=0; PF=22\r\n\r\nHallo Alice, \u00e7a va? \u263a";
    /** §16.3 (f): 90 bytes. */
    private static final String ALICE_TYPING = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\n"
            + "TypingUser: alice@hotmail.com\r\n\r\n\r\n";

    private TestNetwork net;
    private WireClient aliceNs;
    private WireClient bobNs;

    @AfterEach
    void stop() throws IOException {
        net.close();
    }

    private void startWith(UnaryOperator<MsnServerConfig.Builder> tweak) throws IOException {
        net = new TestNetwork(tweak);
        aliceNs = net.online("alice@hotmail.com", TestNetwork.ALICE_PASSWORD, "NLN");
        bobNs = net.online("bob@hotmail.com", "bobpass", "NLN");
        aliceNs.expect("NLN NLN bob@hotmail.com Bob");
    }

    private String sb() {
        return "127.0.0.1:" + net.server.switchboardAddress().getPort();
    }

    /** XFR SB at {@code ns}, returns the cookie. */
    private String xfr(WireClient ns, int trId) {
        ns.send("XFR " + trId + " SB");
        String line = ns.nextLine();
        assertThat(line).matches("XFR " + trId + " SB " + sb().replace(".", "\\.") + " CKI \\d{8}\\.\\d+\\.\\d{4}");
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    /** Opens a session for alice: XFR, USR. */
    private WireClient aliceSession() throws IOException {
        String cookie = xfr(aliceNs, 20);
        WireClient sb = net.connectSb("alice-sb");
        sb.send("USR 1 alice@hotmail.com " + cookie).expect("USR 1 OK alice@hotmail.com Alice");
        return sb;
    }

    /** CAL from {@code caller}, RNG at {@code calleeNs}; returns {sessid, cookie}. */
    private String[] call(WireClient caller, int trId, WireClient calleeNs, String callee, String callerHandle,
                          String callerName) {
        caller.send("CAL " + trId + " " + callee);
        String ringing = caller.nextLine();
        assertThat(ringing).matches("CAL " + trId + " RINGING \\d{8}");
        String sessid = ringing.substring(ringing.lastIndexOf(' ') + 1);
        String rng = calleeNs.nextLine();
        assertThat(rng).matches("RNG " + sessid + " " + sb().replace(".", "\\.") + " CKI \\d{9}\\.\\d{9} "
                + callerHandle.replace(".", "\\.") + " " + callerName);
        return new String[] {sessid, rng.split(" ")[4]};
    }

    /** Alice opens a session and bob joins it. */
    private WireClient[] aliceAndBob() throws IOException {
        WireClient alice = aliceSession();
        String[] ring = call(alice, 2, bobNs, "bob@hotmail.com", "alice@hotmail.com", "Alice");
        WireClient bob = net.connectSb("bob-sb");
        bob.send("ANS 1 bob@hotmail.com " + ring[1] + " " + ring[0])
                .expect("IRO 1 1 1 alice@hotmail.com Alice", "ANS 1 OK");
        alice.expect("JOI bob@hotmail.com Bob");
        return new WireClient[] {alice, bob};
    }

    @Test
    void chatBetweenTwoUsers() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        WireClient alice = sbs[0];
        WireClient bob = sbs[1];
        alice.sendPayload("MSG 3 A", HI_BOB).expect("ACK 3");
        bob.expectPayload("MSG alice@hotmail.com Alice 120", HI_BOB);
        bob.sendPayload("MSG 2 N", HALLO_ALICE.getBytes(StandardCharsets.UTF_8));
        alice.expectPayload("MSG bob@hotmail.com Bob 151", HALLO_ALICE);
        alice.sendPayload("MSG 4 U", ALICE_TYPING);
        bob.expectPayload("MSG alice@hotmail.com Alice 90", ALICE_TYPING);
        alice.sendPayload("MSG 5 A", "").expect("ACK 5");
        bob.expectPayload("MSG alice@hotmail.com Alice 0", "");
        assertThat(net.server.switchboardSessionCount()).isEqualTo(1);

        alice.send("OUT");
        alice.expectClosed();
        bob.expect("BYE alice@hotmail.com");
        bob.sendPayload("MSG 3 A", HI_BOB).expect("NAK 3");
        bob.sendPayload("MSG 4 N", HI_BOB).expect("NAK 4");
        bob.sendPayload("MSG 5 U", HI_BOB);
        bob.sendPayload("MSG 6 A", HI_BOB).expect("NAK 6");
        bob.close();
        await().until(() -> net.server.switchboardSessionCount() == 0);
    }

    @Test
    void threeParticipants() throws IOException {
        startWith(b -> b);
        WireClient carolNs = net.online("carol@hotmail.com", "carolpass", "NLN");
        aliceNs.expect("NLN NLN carol@hotmail.com Carol");
        bobNs.expect("NLN NLN carol@hotmail.com Carol");
        WireClient[] sbs = aliceAndBob();
        WireClient alice = sbs[0];
        WireClient bob = sbs[1];
        String[] ring = call(bob, 2, carolNs, "carol@hotmail.com", "bob@hotmail.com", "Bob");
        WireClient carol = net.connectSb("carol-sb");
        carol.send("ANS 1 carol@hotmail.com " + ring[1] + " " + ring[0]).expect(
                "IRO 1 1 2 alice@hotmail.com Alice",
                "IRO 1 2 2 bob@hotmail.com Bob",
                "ANS 1 OK");
        alice.expect("JOI carol@hotmail.com Carol");
        bob.expect("JOI carol@hotmail.com Carol");
        carol.sendPayload("MSG 2 A", HI_BOB).expect("ACK 2");
        alice.expectPayload("MSG carol@hotmail.com Carol 120", HI_BOB);
        bob.expectPayload("MSG carol@hotmail.com Carol 120", HI_BOB);
        bob.close();
        alice.expect("BYE bob@hotmail.com");
        carol.expect("BYE bob@hotmail.com");
        alice.sendPayload("MSG 3 A", HI_BOB).expect("ACK 3");
        carol.expectPayload("MSG alice@hotmail.com Alice 120", HI_BOB);
    }

    /**
     * docs/msnp.md §7.3, §7.4: anyone in a session may call anyone online, contact or not; the room
     * lives on with a single participant, who may call others back in.
     */
    @Test
    void anyParticipantCallsNonContactsAndTheLastOneKeepsTheRoom() throws IOException {
        startWith(b -> b);
        WireClient carolNs = net.online("carol@hotmail.com", "carolpass", "NLN");
        aliceNs.expect("NLN NLN carol@hotmail.com Carol");
        bobNs.expect("NLN NLN carol@hotmail.com Carol");
        WireClient daveNs = net.online("dave@hotmail.com", "davepass", "NLN");
        WireClient[] sbs = aliceAndBob();
        WireClient alice = sbs[0];
        WireClient bob = sbs[1];

        String[] ring = call(bob, 2, daveNs, "dave@hotmail.com", "bob@hotmail.com", "Bob");
        WireClient dave = net.connectSb("dave-sb");
        dave.send("ANS 1 dave@hotmail.com " + ring[1] + " " + ring[0]).expect(
                "IRO 1 1 2 alice@hotmail.com Alice",
                "IRO 1 2 2 bob@hotmail.com Bob",
                "ANS 1 OK");
        alice.expect("JOI dave@hotmail.com Dave");
        bob.expect("JOI dave@hotmail.com Dave");

        String[] ring2 = call(dave, 2, carolNs, "carol@hotmail.com", "dave@hotmail.com", "Dave");
        assertThat(ring2[0]).isEqualTo(ring[0]);
        WireClient carol = net.connectSb("carol-sb");
        carol.send("ANS 1 carol@hotmail.com " + ring2[1] + " " + ring2[0]).expect(
                "IRO 1 1 3 alice@hotmail.com Alice",
                "IRO 1 2 3 bob@hotmail.com Bob",
                "IRO 1 3 3 dave@hotmail.com Dave",
                "ANS 1 OK");
        for (WireClient other : new WireClient[] {alice, bob, dave}) {
            other.expect("JOI carol@hotmail.com Carol");
        }
        dave.sendPayload("MSG 3 A", HI_BOB).expect("ACK 3");
        for (WireClient other : new WireClient[] {alice, bob, carol}) {
            other.expectPayload("MSG dave@hotmail.com Dave 120", HI_BOB);
        }

        alice.send("OUT");
        alice.expectClosed();
        bob.expect("BYE alice@hotmail.com").send("OUT");
        bob.expectClosed();
        dave.close();
        carol.expect("BYE alice@hotmail.com", "BYE bob@hotmail.com", "BYE dave@hotmail.com");
        await().until(() -> net.server.switchboardParticipants(ring[0]).equals(java.util.List.of("carol@hotmail.com")));
        carol.sendPayload("MSG 2 A", HI_BOB).expect("NAK 2");

        String[] ring3 = call(carol, 3, aliceNs, "alice@hotmail.com", "carol@hotmail.com", "Carol");
        assertThat(ring3[0]).as("the same session").isEqualTo(ring[0]);
    }

    @Test
    void callErrors() throws IOException {
        startWith(b -> b);
        WireClient daveNs = net.online("dave@hotmail.com", "davepass", "NLN");
        WireClient hiddenNs = net.online("erin@hotmail.com", "erinpass", "HDN");
        WireClient[] sbs = aliceAndBob();
        WireClient alice = sbs[0];
        alice.send("CAL 6 bob@hotmail.com").expect("215 6");
        alice.send("CAL 7 alice@hotmail.com").expect("215 7");
        alice.send("CAL 8 @@a").expect("208 8");
        alice.send("CAL 9 offline@hotmail.com").expect("217 9");
        alice.send("CAL 10 ghost@hotmail.com").expect("217 10");
        alice.send("CAL 11 erin@hotmail.com").expect("217 11");
        net.login("carol@hotmail.com", "carolpass");
        alice.send("CAL 12 carol@hotmail.com").expect("217 12");
        daveNs.send("BLP 6 BL").expect("BLP 6 2 BL");
        alice.send("CAL 13 dave@hotmail.com").expect("216 13");
        daveNs.send("ADD 7 AL alice@hotmail.com Alice").expect("ADD 7 AL 3 alice@hotmail.com Alice");
        call(alice, 14, daveNs, "dave@hotmail.com", "alice@hotmail.com", "Alice");
        alice.send("CAL 15 dave@hotmail.com").expect("215 15");
        alice.send("FOO 16").expect("200 16");
        hiddenNs.sync();
        alice.send("CAL 17");
        alice.expectClosed();
    }

    @Test
    void calleeWhoBlocksTheCallerGets216() throws IOException {
        startWith(b -> b);
        bobNs.send("REM 6 AL alice@hotmail.com").expect("REM 6 AL 2 alice@hotmail.com");
        bobNs.send("ADD 7 BL alice@hotmail.com Alice").expect("ADD 7 BL 3 alice@hotmail.com Alice");
        aliceNs.expect("FLN bob@hotmail.com");
        WireClient alice = aliceSession();
        alice.send("CAL 2 bob@hotmail.com").expect("216 2");
    }

    @Test
    void badUsedOrForeignCookiesGet911() throws IOException {
        startWith(b -> b);
        WireClient bad = net.connectSb("bad");
        bad.send("USR 1 alice@hotmail.com badcookie").expect("911 1");
        bad.expectClosed();

        String cookie = xfr(aliceNs, 21);
        WireClient wrongHandle = net.connectSb("wrong-handle");
        wrongHandle.send("USR 1 bob@hotmail.com " + cookie).expect("911 1");
        wrongHandle.expectClosed();
        WireClient reused = net.connectSb("reused");
        reused.send("USR 1 alice@hotmail.com " + cookie).expect("911 1");
        reused.expectClosed();

        WireClient alice = aliceSession();
        String[] ring = call(alice, 2, bobNs, "bob@hotmail.com", "alice@hotmail.com", "Alice");
        WireClient wrongSession = net.connectSb("wrong-session");
        wrongSession.send("ANS 1 bob@hotmail.com " + ring[1] + " 12345678").expect("911 1");
        wrongSession.expectClosed();
        WireClient late = net.connectSb("late");
        late.send("ANS 1 bob@hotmail.com " + ring[1] + " " + ring[0]).expect("911 1");
        late.expectClosed();
    }

    @Test
    void commandsBeforeAuthenticationClose() throws IOException {
        startWith(b -> b);
        WireClient sb = net.connectSb("early");
        sb.send("CAL 1 bob@hotmail.com");
        sb.expectClosed();
        WireClient ver = net.connectSb("ver");
        ver.send("VER 1 MSNP7");
        ver.expectClosed();
    }

    @Test
    void lowercaseAckClosesWithoutDelivering() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        sbs[0].sendPayload("MSG 9 a", "hello");
        sbs[0].expectClosed();
        sbs[1].expect("BYE alice@hotmail.com");
    }

    @Test
    void otherAckLetterClosesWithoutDelivering() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        sbs[0].sendPayload("MSG 9 D", "hello");
        sbs[0].expectClosed();
        sbs[1].expect("BYE alice@hotmail.com");
    }

    @Test
    void oversizedPayloadClosesWithoutDelivering() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        sbs[0].sendPayload("MSG 10 N", "x".repeat(1700));
        sbs[0].expectClosed();
        sbs[1].expect("BYE alice@hotmail.com");
    }

    @Test
    void payloadOfExactly1664BytesIsRelayed() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        for (int n : new int[] {100, 1000, 1500, 1600, 1650, 1660}) {
            String b = "y".repeat(n);
            sbs[0].sendPayload("MSG 9 A", b).expect("ACK 9");
            sbs[1].expectPayload("MSG alice@hotmail.com Alice " + n, b);
        }
        String body = "x".repeat(1664);
        sbs[0].sendPayload("MSG 10 A", body).expect("ACK 10");
        sbs[1].expectPayload("MSG alice@hotmail.com Alice 1664", body);
    }

    /**
     * A long text as newer clients send it (docs/msnp.md §8.5): the first part with the headers,
     * Message-ID and Chunks, continuations with only Message-ID and Chunk. Each is relayed as it came.
     */
    @Test
    void chunkedMessagePartsAreRelayedByteForByte() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        String id = "{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}";
        String first = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "X-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\nMessage-ID: " + id + "\r\nChunks: 3\r\n\r\n";
        first += "ä".repeat((1664 - first.getBytes(StandardCharsets.UTF_8).length) / 2);
        String second = "Message-ID: " + id + "\r\nChunk: 1\r\n\r\n";
        second += "☺".repeat((1664 - second.getBytes(StandardCharsets.UTF_8).length) / 3);
        String third = "Message-ID: " + id + "\r\nChunk: 2\r\n\r\nthe end";

        for (String part : new String[] {first, second, third}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).isLessThanOrEqualTo(1664);
            sbs[0].sendPayload("MSG 12 A", bytes).expect("ACK 12");
            WireClient.Frame relayed = sbs[1].next();
            assertThat(relayed.line()).isEqualTo("MSG alice@hotmail.com Alice " + bytes.length);
            assertThat(relayed.payload()).isEqualTo(bytes);
        }
    }

    /** A nudge (datacast ID 1) is relayed unchanged; a datacast without an ID line is dropped unanswered. */
    @Test
    void nudgesAreRelayedAndDatacastsWithoutAnIdAreDropped() throws IOException {
        startWith(b -> b);
        WireClient[] sbs = aliceAndBob();
        String nudge = "MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nID: 1\r\n\r\n";
        String noId = "MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nData: x\r\n\r\n";

        sbs[0].sendPayload("MSG 13 A", nudge).expect("ACK 13");
        sbs[1].expectPayload("MSG alice@hotmail.com Alice " + nudge.length(), nudge);

        sbs[0].sendPayload("MSG 14 A", noId);
        sbs[0].sendPayload("MSG 15 N", noId);
        sbs[0].sendPayload("MSG 16 A", HI_BOB).expect("ACK 16"); // nothing for 14 or 15 came before it
        sbs[1].expectPayload("MSG alice@hotmail.com Alice 120", HI_BOB);
    }

    @Test
    void idleParticipantIsRemovedWithBye1() throws IOException {
        startWith(b -> b.switchboardIdleTimeout(Duration.ofMillis(400)));
        WireClient[] sbs = aliceAndBob();
        // alice has been quiet since CAL, bob since ANS: alice times out first
        sbs[1].expect("BYE alice@hotmail.com 1");
        sbs[0].expectClosed();
        sbs[1].expectClosed();
        await().until(() -> net.server.switchboardSessionCount() == 0);
    }

    @Test
    void connectionWithoutUsrIsClosedAfterTheAuthDeadline() throws IOException {
        startWith(b -> b.switchboardAuthTimeout(Duration.ofMillis(200)));
        WireClient sb = net.connectSb("silent");
        sb.expectClosed();
    }

    @Test
    void hiddenUserCannotGetASwitchboard() throws IOException {
        startWith(b -> b);
        aliceNs.send("CHG 30 HDN").expect("CHG 30 HDN");
        aliceNs.send("XFR 31 SB").expect("913 31");
        aliceNs.send("XFR 32 NS").expect("201 32");
    }
}
