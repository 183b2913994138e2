package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imbridge.msnserver.account.AccountsFileException;
import org.junit.jupiter.api.Test;

/** The stand-alone launcher, run in-process with the project's example accounts file. */
class MsnServerMainTest {

    private static final String ACCOUNTS = Path.of("..", "config", "msn-accounts.yaml").toString();

    @Test
    void printsTheBoundPortsAndAnswersVer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MsnServer server = MsnServerMain.launch(new String[] {"--port", "0", "--accounts", ACCOUNTS},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String out = bytes.toString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^dispatch=127\\.0\\.0\\.1:(\\d+)$").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(port).isEqualTo(server.dispatchAddress().getPort()).isPositive();
            assertThat(out).contains("notification=127.0.0.1:" + server.notificationAddress().getPort())
                    .contains("switchboard=127.0.0.1:" + server.switchboardAddress().getPort());
            try (WireClient c = new WireClient(new InetSocketAddress("127.0.0.1", port), "ds")) {
                c.send("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0").expect("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
                c.send("INF 2").expect("INF 2 MD5");
                c.send("USR 3 MD5 I echo@hotmail.com")
                        .expect("XFR 3 NS 127.0.0.1:" + server.notificationAddress().getPort() + " 0 127.0.0.1:" + port);
            }
            assertThat(server.accounts().find("echo@hotmail.com")).isNotNull();
        } finally {
            server.stop();
        }
    }

    @Test
    void badArgumentsAreExplained() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MsnServerMain.launch(new String[] {"--port", "0"}, out))
                .isInstanceOf(MsnServerMain.UsageException.class).hasMessageContaining("--accounts is required");
        assertThatThrownBy(() -> MsnServerMain.launch(new String[] {"--port", "x", "--accounts", ACCOUNTS}, out))
                .isInstanceOf(MsnServerMain.UsageException.class).hasMessageContaining("--port must be a port number");
        assertThatThrownBy(() -> MsnServerMain.launch(new String[] {"--frob", "1"}, out))
                .isInstanceOf(MsnServerMain.UsageException.class).hasMessageContaining("unknown option --frob");
        assertThatThrownBy(() -> MsnServerMain.launch(new String[] {"--port", "0", "--accounts", "nope.yaml"}, out))
                .isInstanceOf(AccountsFileException.class).hasMessageContaining("nope.yaml");
    }
}
