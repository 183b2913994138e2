package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.MsnpCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fake switchboard server next to the notification server, and the payloads of §16.3 (d)–(f). */
abstract class SwitchboardTestSupport extends ClientTestSupport {

    static final String COOKIE = "17262740.1056561700.4242";
    /** alice_hi, 120 bytes. */
    static final String HI_BOB = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\n\r\nHi Bob!";
    /** bob_reply_utf8, 151 bytes. */
    static final String BOB_REPLY = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=MS%20Sans%20Serif; EF=B; CO=ff; CS=0; PF=22\r\n\r\nHallo Alice, ça va? ☺";
    /** typing_alice, 90 bytes. */
    static final String ALICE_TYPING = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\n"
            + "TypingUser: alice@hotmail.com\r\n\r\n\r\n";
    /** typing_bob, 88 bytes. */
    static final String BOB_TYPING = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\n"
            + "TypingUser: bob@hotmail.com\r\n\r\n\r\n";
    /** clientcaps, 95 bytes. */
    static final String CLIENT_CAPS = "MIME-Version: 1.0\r\nContent-Type: text/x-clientcaps\r\n\r\n"
            + "Client-Name: Gaim/0.65\r\nChat-Logging: Y\r\n";

    protected FakeMsnServer switchboard;
    protected final RecordingListener sbEvents = new RecordingListener();

    /** An open outgoing switchboard, its server side, and the notification session it belongs to. */
    record OpenSwitchboard(SwitchboardSession sb, FakePeer peer, LoggedIn li) {
    }

    @BeforeEach
    void startSwitchboard() throws Exception {
        switchboard = FakeMsnServer.start();
    }

    @AfterEach
    void stopSwitchboard() {
        switchboard.close();
    }

    /**
     * Logs in, opens a switchboard as in §16.3 (d): the user is still FLN, so CHG 6 NLN comes first,
     * then XFR 7 SB, then {@code USR 1 handle cookie} at the switchboard.
     */
    OpenSwitchboard openSwitchboard() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<SwitchboardSession> open = li.session().openSwitchboard(sbEvents);
        li.ns().expectLine("CHG 6 NLN");
        li.ns().send("CHG 6 NLN");
        li.ns().expectLine("XFR 7 SB");
        li.ns().send("XFR 7 SB " + switchboard.hostPort() + " CKI " + COOKIE);
        FakePeer peer = switchboard.accept();
        peer.expectLine("USR 1 alice@hotmail.com " + COOKIE);
        peer.send("USR 1 OK alice@hotmail.com Alice");
        return new OpenSwitchboard(await(open), peer, li);
    }

    /** {@link #openSwitchboard()} with Bob invited (CAL 2) and joined. */
    OpenSwitchboard withBob() throws Exception {
        OpenSwitchboard open = openSwitchboard();
        CompletionStage<Void> invited = open.sb().invite("bob@hotmail.com");
        open.peer().expectLine("CAL 2 bob@hotmail.com");
        open.peer().send("CAL 2 RINGING 11752013", "JOI bob@hotmail.com Bob");
        await(invited);
        sbEvents.await(RecordingListener.Joined.class);
        return open;
    }

    static String payload(MsnpCommand msg) {
        assertThat(msg.hasPayload()).isTrue();
        return new String(msg.payload(), StandardCharsets.UTF_8);
    }
}
