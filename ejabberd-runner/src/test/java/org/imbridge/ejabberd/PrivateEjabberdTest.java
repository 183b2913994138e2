package org.imbridge.ejabberd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.imbridge.ejabberd.testing.EjabberdExtension;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PrivateEjabberdTest {

    /** One server for the tests that only need a running one; all tests skip where none can run. */
    @RegisterExtension
    static final EjabberdExtension SHARED = new EjabberdExtension();

    @Test
    void aClientLogsInAComponentShakesHandsAndMessagesFlowBetweenThem() throws Exception {
        Path directory;
        try (PrivateEjabberd ejabberd = PrivateEjabberd.builder().componentSecret("s\"3cret").start()) {
            directory = ejabberd.directory();
            assertThat(ejabberd.registerUser("alice", "pw")).isEqualTo("alice@localhost");
            assertThat(ejabberd.ctl("registered_users", "localhost")).contains("alice");

            try (RawComponent component = handshake(ejabberd, ejabberd.componentPort())) {
                XMPPTCPConnection alice = loggedIn(ejabberd, "alice", "pw");
                try {
                    alice.sendStanza(StanzaBuilder.buildMessage().to("bob%hotmail.com@msn.localhost")
                            .ofType(Message.Type.chat).setBody("hello component").build());
                    String stream = component.readUntil(Pattern.compile("hello component"), Duration.ofSeconds(10));
                    assertThat(stream).contains("from='alice@localhost/test'", "to='bob%hotmail.com@msn.localhost'");
                } finally {
                    alice.disconnect();
                }
            }

            ejabberd.kill();
            assertThat(ejabberd.isRunning()).isFalse();
            assertThat(accepts(ejabberd.c2sPort())).isFalse();
            assertThat(accepts(ejabberd.componentPort())).isFalse();

            ejabberd.start();
            XMPPTCPConnection again = loggedIn(ejabberd, "alice", "pw");
            again.disconnect();
            handshake(ejabberd, ejabberd.componentPort()).close();
        }
        assertThat(directory).doesNotExist();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .noneMatch(line -> line.contains(directory.toString()));
    }

    @Test
    void twoRunSideBySideWithSeveralComponentListenersAndTheCallersConfig() throws Exception {
        try (PrivateEjabberd first = PrivateEjabberd.builder().componentListeners(2)
                .extraListenerConfig("max_stanza_size: 65536")
                .extraConfig("domain_balancing:")
                .extraConfig("  \"msn.localhost\":")
                .extraConfig("    type: source")
                .extraConfig("    component_number: 2") // ejabberd 23.01 crashes on the handshake without it
                .start();
             PrivateEjabberd second = PrivateEjabberd.builder().componentDomain("icq.localhost").start()) {
            assertThat(first.node()).isNotEqualTo(second.node());
            assertThat(first.componentPorts()).hasSize(2).doesNotContainAnyElementsOf(second.componentPorts());
            assertThat(Files.readString(first.directory().resolve("ejabberd.yml")))
                    .contains("domain_balancing:\n  \"msn.localhost\":\n    type: source\n    component_number: 2")
                    .containsPattern("(?s)ejabberd_service.*max_stanza_size: 65536.*ejabberd_service.*max_stanza_size: 65536");

            for (int port : first.componentPorts()) {
                handshake(first, port).close();
            }
            handshake(second, second.componentPort()).close();
            first.registerUser("bob", "pw1");
            second.registerUser("bob", "pw2");
            loggedIn(first, "bob", "pw1").disconnect();
            loggedIn(second, "bob", "pw2").disconnect();

            first.kill();
            assertThat(second.isRunning()).isTrue();
            loggedIn(second, "bob", "pw2").disconnect();
        }
    }

    @Test
    void aDirectoryOfTheCallersIsKeptAndItsServerStopsCleanly(@TempDir Path dir) throws Exception {
        String node;
        try (PrivateEjabberd ejabberd = PrivateEjabberd.builder().directory(dir).start()) {
            node = ejabberd.node();
            ejabberd.registerUser("dave", "pw");
        }
        assertThat(dir.resolve("ejabberd.yml")).exists();
        assertThat(Files.readString(dir.resolve("ejabberd.log"))).contains("is started in the node " + node);
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .noneMatch(line -> line.contains(node));
    }

    @Test
    void aWrongSecretIsRefused() {
        PrivateEjabberd ejabberd = SHARED.server();
        assertThatThrownBy(() -> RawComponent.connect(ejabberd.host(), ejabberd.componentPort(),
                ejabberd.componentDomain(), "wrong").close())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not-authorized");
    }

    @Test
    void registeringTwiceFailsWithEjabberdsMessage() {
        PrivateEjabberd ejabberd = SHARED.server();
        ejabberd.registerUser("carol", "pw");
        assertThatThrownBy(() -> ejabberd.registerUser("carol", "pw"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ejabberdctl register carol failed")
                .hasMessageContaining("already registered")
                .hasMessageNotContaining("pw");
    }

    @Test
    void aConfigEjabberdRejectsFailsTheStartWithItsLogAndLeavesNothingBehind(@TempDir Path dir) {
        assertThatThrownBy(() -> PrivateEjabberd.builder().directory(dir).extraConfig("no_such_option: 1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ejabberd exited with status")
                .hasMessageContaining("--- ejabberd.log (tail) ---")
                .hasMessageContaining("no_such_option");
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .noneMatch(line -> line.contains(dir.toString()));
    }

    @Test
    void theConfigKeepsToLoopbackAndQuotesTheSecret() {
        try (PrivateEjabberd ejabberd = PrivateEjabberd.builder().componentSecret("a\"b").create()) {
            String config = ejabberd.config();
            assertThat(config).contains("password: \"a\\\"b\"").doesNotContain("ip: \"::\"")
                    .contains("module: ejabberd_c2s").contains("port: " + ejabberd.c2sPort());
            assertThat(config.split("ip: \"127.0.0.1\"", -1)).hasSize(3);
            assertThat(ejabberd.isRunning()).isFalse();
        }
    }

    @Test
    void aComponentListenerCountBelowOneIsRefused() {
        assertThatThrownBy(() -> PrivateEjabberd.builder().componentListeners(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static XMPPTCPConnection loggedIn(PrivateEjabberd ejabberd, String user, String password) throws Exception {
        XMPPTCPConnection client = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ejabberd.virtualHost()).setHost(ejabberd.host()).setPort(ejabberd.c2sPort())
                .setSecurityMode(SecurityMode.disabled).setUsernameAndPassword(user, password)
                .setResource("test").setConnectTimeout(10_000).build());
        client.connect().login();
        assertThat(client.isAuthenticated()).isTrue();
        assertThat(client.getUser().asBareJid().toString()).isEqualTo(user + "@" + ejabberd.virtualHost());
        return client;
    }

    private static RawComponent handshake(PrivateEjabberd ejabberd, int port) {
        try {
            return RawComponent.connect(ejabberd.host(), port, ejabberd.componentDomain(), ejabberd.componentSecret());
        } catch (IOException e) {
            throw new AssertionError(e.getMessage() + "\n" + ejabberd.diagnostics(), e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
