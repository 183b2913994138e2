package org.imbridge.prosody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateProsodyTest {

    @Test
    void startsRegistersUsersSurvivesARestartAndCleansUp() throws Exception {
        Path directory;
        try (PrivateProsody prosody = PrivateProsody.builder().start()) {
            directory = prosody.directory();
            assertThat(accepts(prosody.c2sPort())).isTrue();
            assertThat(accepts(prosody.componentPort())).isTrue();
            assertThat(Files.readString(directory.resolve("prosody.cfg.lua")))
                    .contains("Component \"msn.localhost\"").doesNotContain("privilege");

            assertThat(prosody.registerUser("alice", "pw")).isEqualTo("alice@localhost");
            assertLogsIn(prosody, "alice", "pw");

            prosody.kill();
            assertThat(prosody.isRunning()).isFalse();
            assertThat(accepts(prosody.c2sPort())).isFalse();

            prosody.start();
            assertLogsIn(prosody, "alice", "pw");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void privilegeLoadsModPrivilegeOnHostAndComponent() throws Exception {
        try (PrivateProsody prosody = PrivateProsody.builder().privilege(true).start()) {
            String config = Files.readString(prosody.directory().resolve("prosody.cfg.lua"));
            assertThat(config).contains("privileged_entities = { [\"msn.localhost\"] = { roster = \"both\";");
            assertThat(config.split("modules_enabled = \\{ \"privilege\" }", -1)).hasSize(3);
            assertThat(prosody.isRunning()).isTrue();
        }
    }

    @Test
    void aDirectoryOfTheCallersIsKeptAndTheComponentSectionIsTheCallers(@TempDir Path dir) throws Exception {
        try (PrivateProsody prosody = PrivateProsody.builder().directory(dir).extraModule("vcard")
                .componentSection((domain, secret) -> "Component " + PrivateProsody.lua(domain)
                        + " -- from the caller\n  component_secret = " + PrivateProsody.lua(secret) + "\n")
                .componentSecret("s\"3").start()) {
            assertThat(prosody.directory()).isEqualTo(dir);
            assertThat(Files.readString(dir.resolve("prosody.cfg.lua")))
                    .contains("\"ping\", \"vcard\" }")
                    .contains("Component \"msn.localhost\" -- from the caller\n  component_secret = \"s\\\"3\"");
            assertThat(accepts(prosody.componentPort())).isTrue();
        }
        assertThat(dir.resolve("prosody.cfg.lua")).exists();
    }

    @Test
    void registeringAnInvalidUserFailsWithProsodysMessage() {
        try (PrivateProsody prosody = PrivateProsody.builder().create()) {
            assertThatThrownBy(() -> prosody.registerUser("a b", "pw"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("prosodyctl register a b failed")
                    .hasMessageContaining("username is invalid");
        }
    }

    @Test
    void aMissingExecutableNamesThePackagesToInstall() {
        assertThatThrownBy(() -> PrivateProsody.requireExecutable("prosody-that-is-not-installed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y prosody prosody-modules");
    }

    private static void assertLogsIn(PrivateProsody prosody, String user, String password) throws Exception {
        XMPPTCPConnection client = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(prosody.virtualHost()).setHost(prosody.host()).setPort(prosody.c2sPort())
                .setSecurityMode(SecurityMode.disabled).setUsernameAndPassword(user, password).build());
        try {
            client.connect().login();
            assertThat(client.isAuthenticated()).isTrue();
            assertThat(client.getUser().asBareJid().toString()).isEqualTo(user + "@localhost");
        } finally {
            client.disconnect();
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
