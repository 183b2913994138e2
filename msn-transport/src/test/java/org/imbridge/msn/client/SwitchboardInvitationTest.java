package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.AckMode;
import org.junit.jupiter.api.Test;

/** Being invited: RNG, ANS, IRO, ANS OK (docs/msnp.md §7.2, §16.3 (e)). */
class SwitchboardInvitationTest extends SwitchboardTestSupport {

    @Test
    void acceptingAnInvitationWithHexCookieAndSessionId() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("RNG 1a2b3c4d " + switchboard.hostPort() + " CKI 9f8e7d6c5b4a.abcdef bob@hotmail.com Bob%20B");

        SwitchboardInvitation invitation = events.await(RecordingListener.Invited.class).invitation();
        assertThat(invitation.inviter()).isEqualTo("bob@hotmail.com");
        assertThat(invitation.inviterFriendlyName()).isEqualTo("Bob B");
        assertThat(invitation.sessionId()).isEqualTo("1a2b3c4d");
        assertThat(invitation.toString()).doesNotContain("9f8e7d6c5b4a");

        CompletionStage<SwitchboardSession> accepted = invitation.accept(sbEvents);
        FakePeer peer = switchboard.accept();
        peer.expectLine("ANS 1 alice@hotmail.com 9f8e7d6c5b4a.abcdef 1a2b3c4d");
        peer.send("IRO 1 1 2 bob@hotmail.com Bob", "IRO 1 2 2 carol@hotmail.com Carol%20C", "ANS 1 OK");

        SwitchboardSession sb = await(accepted);
        assertThat(sb.sessionId()).isEqualTo("1a2b3c4d");
        assertThat(sb.participants()).containsExactly(Map.entry("bob@hotmail.com", "Bob"),
                Map.entry("carol@hotmail.com", "Carol C"));
        assertThat(sbEvents.all(RecordingListener.Joined.class)).as("IRO members were there before us").isEmpty();

        peer.sendPayload("MSG bob@hotmail.com Bob", BOB_TYPING);
        assertThat(sbEvents.await(RecordingListener.Typing.class).handle()).isEqualTo("bob@hotmail.com");
        peer.sendPayload("MSG bob@hotmail.com Bob", BOB_REPLY);
        assertThat(sbEvents.await(RecordingListener.Message.class).message().bodyText()).isEqualTo("Hallo Alice, ça va? ☺");

        CompletionStage<Void> reply = sb.sendText("Salut!", AckMode.N);
        assertThat(peer.expect("MSG").trId()).isEqualTo(2);
        await(reply);

        peer.send("BYE carol@hotmail.com");
        assertThat(sbEvents.await(RecordingListener.Left.class))
                .isEqualTo(new RecordingListener.Left("carol@hotmail.com", false));
        assertThat(sb.isOpen()).as("Bob is still here").isTrue();
    }

    @Test
    void anInvitationCanBeAcceptedOnce() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("RNG 11752013 " + switchboard.hostPort() + " CKI 849102291.520491113 bob@hotmail.com Bob");
        SwitchboardInvitation invitation = events.await(RecordingListener.Invited.class).invitation();

        CompletionStage<SwitchboardSession> first = invitation.accept(sbEvents);
        assertThat(failureOf(invitation.accept(sbEvents))).isInstanceOf(IllegalStateException.class);

        FakePeer peer = switchboard.accept();
        peer.expectLine("ANS 1 alice@hotmail.com 849102291.520491113 11752013");
        peer.send("IRO 1 1 1 bob@hotmail.com Bob", "ANS 1 OK");
        assertThat(await(first).participants()).containsOnlyKeys("bob@hotmail.com");
    }

    @Test
    void staleInvitationFailsWith911() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("RNG 11752013 " + switchboard.hostPort() + " CKI expired bob@hotmail.com Bob");
        CompletionStage<SwitchboardSession> accepted =
                events.await(RecordingListener.Invited.class).invitation().accept(sbEvents);
        FakePeer peer = switchboard.accept();
        peer.send("911 " + peer.expect("ANS").trId());

        assertError(accepted, 911);
        peer.awaitClosed();
    }

    @Test
    void invitationToAnUnreachableSwitchboardFailsAsUnreachable() throws Exception {
        LoggedIn li = loggedIn();
        int port = switchboard.address().getPort();
        switchboard.close();
        li.ns().send("RNG 11752013 127.0.0.1:" + port + " CKI 849102291.520491113 bob@hotmail.com Bob");

        CompletionStage<SwitchboardSession> accepted =
                events.await(RecordingListener.Invited.class).invitation().accept(sbEvents);
        assertThat(failureOf(accepted)).isInstanceOf(MsnConnectException.class);
        assertThat(li.session().isConnected()).isTrue();
    }
}
