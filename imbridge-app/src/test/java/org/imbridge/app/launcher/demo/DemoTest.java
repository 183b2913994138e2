package org.imbridge.app.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The demo as the README's first command runs it, in-process: Prosody, our MSN network, Echo Bot
 * and the transport on loopback (free ports), then the scripted tour or the welcome text.
 */
class DemoTest {

    private static final DemoOptions FAST = new DemoOptions(true, 0, 0, Duration.ofMillis(300), Duration.ofSeconds(15));

    @Test
    void theTourWorksEveryStepAndPrintsTheConversation() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (Demo demo = new Demo(FAST, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            code = demo.start();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("All 7 steps worked.")
                .contains("Echo Bot <echo%hotmail.com@msn.localhost>")
                .contains("tour@localhost → Echo Bot: Hello from Jabber!")
                .contains("Echo Bot is typing…")
                .contains("Echo Bot → tour@localhost: Hello from Jabber! Ça marche? Grüße, 你好 👋")
                .doesNotContain("FAILED");
    }

    @Test
    void theDemoWelcomesAPersonWithARegisteredAccountAndStopsEverythingOnClose() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c2sPort;
        int componentPort;
        try (Demo demo = new Demo(new DemoOptions(false, 0, 0, Duration.ofMillis(300), Duration.ofSeconds(15)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertThat(demo.start()).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
            c2sPort = demo.prosody().c2sPort();
            componentPort = demo.prosody().componentPort();
            assertThat(accepts(c2sPort)).isTrue();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("account   demo@localhost").contains("password  demo")
                .contains("demo is registered with the transport as alice@hotmail.com")
                .contains("echo%hotmail.com@msn.localhost");
        assertThat(accepts(c2sPort)).as("Prosody stopped").isFalse();
        assertThat(accepts(componentPort)).isFalse();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return s.isConnected();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
