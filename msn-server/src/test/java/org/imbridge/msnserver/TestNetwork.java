package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.imbridge.msn.protocol.MsnpHashes;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.AccountsFile;
import org.imbridge.msnserver.notification.ChallengePolicy;

/**
 * A running {@link MsnServer} with the accounts of the example sessions of docs/msnp.md §16.3 and
 * helpers to open raw wire clients and log them in. Close it after each test.
 */
final class TestNetwork implements AutoCloseable {

    /** Alice's password of the login test vector (docs/msnp.md §16.1). */
    static final String ALICE_PASSWORD = "abcdefg1234567";

    static final String ACCOUNTS = """
            accounts:
              - email: alice@hotmail.com
                password: abcdefg1234567
                nick: Alice
                contacts: [bob@hotmail.com, carol@hotmail.com]
              - email: bob@hotmail.com
                password: bobpass
                nick: Bob
                contacts: [alice@hotmail.com, carol@hotmail.com]
              - email: carol@hotmail.com
                password: carolpass
                nick: Carol
                contacts: [alice@hotmail.com, bob@hotmail.com]
              - email: dave@hotmail.com
                password: davepass
                nick: Dave
              - email: erin@hotmail.com
                password: erinpass
                nick: Erin
              - email: offline@hotmail.com
                password: offlinepass
                nick: Offline
            """;

    final MsnServer server;
    private final List<WireClient> clients = new ArrayList<>();

    TestNetwork(UnaryOperator<MsnServerConfig.Builder> tweak) throws IOException {
        this(ACCOUNTS, tweak);
    }

    TestNetwork(String accountsYaml, UnaryOperator<MsnServerConfig.Builder> tweak) throws IOException {
        List<AccountSpec> accounts = AccountsFile.parse(accountsYaml);
        server = MsnServer.start(tweak.apply(MsnServerConfig.builder()
                .challenges(ChallengePolicy.manual(Duration.ofSeconds(50)))
                .accounts(accounts)).build());
    }

    static TestNetwork start() throws IOException {
        return new TestNetwork(b -> b);
    }

    WireClient connect(InetSocketAddress address, String name) throws IOException {
        WireClient c = new WireClient(address, name);
        clients.add(c);
        return c;
    }

    WireClient connectNs(String name) throws IOException {
        return connect(server.notificationAddress(), name);
    }

    WireClient connectSb(String name) throws IOException {
        return connect(server.switchboardAddress(), name);
    }

    /**
     * VER, INF, USR I, USR S directly at the notification server, consuming the profile (and e-mail)
     * MSG. TrIDs 1–4.
     */
    WireClient login(String handle, String password) throws IOException {
        WireClient c = connectNs(handle);
        c.send("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0").expect("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        c.send("INF 2").expect("INF 2 MD5");
        c.send("USR 3 MD5 I " + handle);
        String salt = saltFrom(c.nextLine(), "3");
        c.send("USR 4 MD5 S " + MsnpHashes.loginResponse(salt, password));
        String ok = c.nextLine();
        assertThat(ok).startsWith("USR 4 OK " + handle + " ");
        WireClient.Frame profile = c.next();
        assertThat(profile.line()).startsWith("MSG Hotmail Hotmail ");
        assertThat(profile.payloadText()).contains("Content-Type: text/x-msmsgsprofile; charset=UTF-8");
        if (server.accounts().find(handle).inboxUnread() != null) {
            assertThat(c.next().payloadText()).contains("text/x-msmsgsinitialemailnotification");
        }
        return c;
    }

    /** Logs in and sends the first CHG (TrID 5), consuming the echo and the ILN burst. */
    WireClient online(String handle, String password, String status) throws IOException {
        WireClient c = login(handle, password);
        c.send("CHG 5 " + status).expect("CHG 5 " + status);
        c.send("PNG").skipUntil("QNG");
        return c;
    }

    static String saltFrom(String usrLine, String trId) {
        assertThat(usrLine).matches("USR " + trId + " MD5 S \\d+\\.\\d{5}");
        return usrLine.substring(usrLine.lastIndexOf(' ') + 1);
    }

    @Override
    public void close() throws IOException {
        server.stop();
        for (WireClient c : clients) {
            c.close();
        }
    }
}
