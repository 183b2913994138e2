package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.imbridge.msn.protocol.MsnpHashes;
import org.imbridge.msnserver.notification.ChallengePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CHL / QRY (docs/msnp.md §6.1, §16.3 (c), (h)). */
class ChallengeTest {

    private TestNetwork net;

    @AfterEach
    void stop() throws IOException {
        if (net != null) {
            net.close();
        }
    }

    private WireClient onlineWith(ChallengePolicy policy) throws IOException {
        net = new TestNetwork(b -> b.challenges(policy));
        WireClient alice = net.login("alice@hotmail.com", TestNetwork.ALICE_PASSWORD);
        alice.send("CHG 9 NLN").expect("CHG 9 NLN");
        return alice;
    }

    private static String challengeFrom(String line) {
        assertThat(line).matches("CHL 0 \\d{20}");
        return line.substring(6);
    }

    @Test
    void challengeFollowsTheFirstChgAndAGoodAnswerGetsQry() throws IOException {
        WireClient alice = onlineWith(new ChallengePolicy(Duration.ofMillis(50), null, null, Duration.ofSeconds(50)));
        String challenge = challengeFrom(alice.nextLine());
        alice.sendPayload("QRY 10 msmsgs@msnmsgr.com", MsnpHashes.challengeResponse(challenge)).expect("QRY 10");
        alice.sync();
    }

    @Test
    void answerInUpperCaseHexIsAccepted() throws IOException {
        WireClient alice = onlineWith(ChallengePolicy.manual(Duration.ofSeconds(50)));
        alice.sync();
        String challenge = net.server.challengeNow("alice@hotmail.com").orElseThrow();
        assertThat(alice.nextLine()).isEqualTo("CHL 0 " + challenge);
        alice.sendPayload("QRY 11 msmsgs@msnmsgr.com", MsnpHashes.challengeResponse(challenge).toUpperCase())
                .expect("QRY 11");
    }

    @Test
    void wrongDigestGets540AndClose() throws IOException {
        WireClient alice = onlineWith(ChallengePolicy.manual(Duration.ofSeconds(50)));
        net.server.challengeNow("alice@hotmail.com").orElseThrow();
        challengeFrom(alice.nextLine());
        alice.sendPayload("QRY 31 msmsgs@msnmsgr.com", "0212eaad0876afb8505859ca75d21a78").expect("540 31");
        alice.expectClosed();
    }

    @Test
    void wrongClientIdGets540AndClose() throws IOException {
        WireClient alice = onlineWith(ChallengePolicy.manual(Duration.ofSeconds(50)));
        String challenge = net.server.challengeNow("alice@hotmail.com").orElseThrow();
        challengeFrom(alice.nextLine());
        alice.sendPayload("QRY 12 someone@else.com", MsnpHashes.challengeResponse(challenge)).expect("540 12");
        alice.expectClosed();
    }

    @Test
    void unansweredChallengeClosesAfterTheDeadline() throws IOException {
        WireClient alice = onlineWith(new ChallengePolicy(Duration.ZERO, null, null, Duration.ofMillis(300)));
        challengeFrom(alice.nextLine());
        alice.expectClosed();
        assertThat(net.server.isOnline("alice@hotmail.com")).isFalse();
    }

    @Test
    void challengesRepeatAtRandomIntervals() throws IOException {
        WireClient alice = onlineWith(new ChallengePolicy(Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(60),
                Duration.ofSeconds(50)));
        for (int i = 0; i < 3; i++) {
            String challenge = challengeFrom(alice.nextLine());
            alice.sendPayload("QRY " + (20 + i) + " msmsgs@msnmsgr.com", MsnpHashes.challengeResponse(challenge));
            alice.expect("QRY " + (20 + i));
        }
    }

    @Test
    void clientRequestedChallenge() throws IOException {
        WireClient alice = onlineWith(ChallengePolicy.manual(Duration.ofSeconds(50)));
        alice.send("CHL 13");
        String line = alice.nextLine();
        assertThat(line).matches("CHL 13 \\d{20}");
        alice.sendPayload("QRY 14 msmsgs@msnmsgr.com", MsnpHashes.challengeResponse(line.substring(7))).expect("QRY 14");
    }

    @Test
    void qryWithoutChallengeGets540() throws IOException {
        WireClient alice = onlineWith(ChallengePolicy.manual(Duration.ofSeconds(50)));
        alice.sendPayload("QRY 15 msmsgs@msnmsgr.com", MsnpHashes.challengeResponse("20881396011366812350"))
                .expect("540 15");
        alice.expectClosed();
    }

    @Test
    void challengeNowForAnOfflineUserIsEmpty() throws IOException {
        net = TestNetwork.start();
        assertThat(net.server.challengeNow("bob@hotmail.com")).isEmpty();
    }
}
