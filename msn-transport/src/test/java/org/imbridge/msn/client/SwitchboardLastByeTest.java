package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.AckMode;
import org.junit.jupiter.api.Test;

/**
 * The last participant leaves while MSGs still await their verdict (docs/msnp.md §7.5): the client says
 * OUT and lets the server close, so a NAK that follows the BYE is still reported.
 */
class SwitchboardLastByeTest extends SwitchboardTestSupport {

    @Test
    void aNakAfterTheLastByeFailsTheModeAMessage() throws Exception {
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("anyone?", AckMode.A);
        long trId = open.peer().expect("MSG").trId();

        open.peer().send("BYE bob@hotmail.com");
        open.peer().expectLine("OUT");
        assertThat(open.sb().isOpen()).isFalse();
        assertThat(sent).isNotDone();
        open.peer().send("NAK " + trId);

        assertThat(failureOf(sent)).isInstanceOf(MsnDeliveryException.class);
        open.peer().close();
        sbEvents.await(RecordingListener.Closed.class);
    }

    @Test
    void aNakAfterTheLastByeReachesTheListenerForModeN() throws Exception {
        OpenSwitchboard open = withBob();
        await(open.sb().sendText("anyone?", AckMode.N));
        long trId = open.peer().expect("MSG").trId();

        open.peer().send("BYE bob@hotmail.com");
        open.peer().expectLine("OUT");
        open.peer().send("NAK " + trId);

        assertThat(sbEvents.await(RecordingListener.DeliveryFailed.class).message().bodyText()).isEqualTo("anyone?");
        open.peer().close();
        sbEvents.await(RecordingListener.Closed.class);
    }

    @Test
    void aServerThatNeverClosesIsLeftAfterTheAckTimeout() throws Exception {
        client(testConfig().ackTimeout(Duration.ofMillis(300)).build());
        OpenSwitchboard open = withBob();
        CompletionStage<Void> sent = open.sb().sendText("anyone?", AckMode.A);
        open.peer().expect("MSG");

        open.peer().send("BYE bob@hotmail.com");
        open.peer().expectLine("OUT");

        assertThat(failureOf(sent)).isInstanceOf(MsnTimeoutException.class);
        open.peer().awaitClosed();
        sbEvents.await(RecordingListener.Closed.class);
    }

    @Test
    void nothingMoreIsSentWhileLeaving() throws Exception {
        OpenSwitchboard open = withBob();
        open.sb().sendText("anyone?", AckMode.A);
        open.peer().expect("MSG");
        open.peer().send("BYE bob@hotmail.com");
        open.peer().expectLine("OUT");

        assertThat(failureOf(open.sb().sendText("too late", AckMode.A))).isInstanceOf(MsnConnectionClosedException.class);
        assertThat(failureOf(open.sb().invite("carol@hotmail.com"))).isInstanceOf(MsnConnectionClosedException.class);
        await(open.sb().sendTyping());
        open.peer().expectNothingFor(Duration.ofMillis(100));
    }
}
