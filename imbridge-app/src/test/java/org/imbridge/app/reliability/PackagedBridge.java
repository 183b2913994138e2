package org.imbridge.app.reliability;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.imbridge.xmpp.gateway.register.RegistrationForm;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The product as deployed, on loopback: a private Prosody, our MSN network as a child JVM
 * ({@code msn-server.jar}) on fixed ports (or any MSN server the test runs itself), and the packaged
 * transport ({@code imbridge.jar run --config FILE}) as a child JVM with a generated config file and
 * an H2 store in a temp directory. Each part can be killed with SIGKILL and started again on the
 * same ports with the same data.
 */
final class PackagedBridge implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String ONLINE_LINE = "is online at";

    /** What to run; {@link #msnAccounts} or {@link #msnDispatch} names the MSN network. */
    static final class Options {
        String msnAccounts;
        InetSocketAddress msnDispatch;
        Integer maxStanzaBytes;
        List<String> transportJvm = List.of("-Xmx128m");
        int messagesPerMinute = 600;
        String extraConfig = "";
    }

    final Path dir;
    final PrivateProsody prosody;
    final ChildJvm msn;
    final ChildJvm transport;
    final InetSocketAddress msnDispatch;
    final int metricsPort;
    private final List<XMPPTCPConnection> clients = new ArrayList<>();

    PackagedBridge(Options options) throws Exception {
        dir = Files.createTempDirectory("imbridge-reliability-");
        PrivateProsody startedProsody = null;
        ChildJvm startedMsn = null;
        try {
            startedProsody = PrivateProsody.builder().start();
            if (options.msnAccounts != null) {
                Path accounts = Files.writeString(dir.resolve("msn-accounts.yaml"), options.msnAccounts);
                int dispatch = ChildJvm.freePort();
                msnDispatch = new InetSocketAddress("127.0.0.1", dispatch);
                startedMsn = new ChildJvm("msn-server", List.of("-Xmx96m"), jar("imbridge.msn-server.jar",
                        "../msn-server/target/msn-server.jar"), List.of("--host", "127.0.0.1",
                        "--port", String.valueOf(dispatch), "--ns-port", String.valueOf(ChildJvm.freePort()),
                        "--sb-port", String.valueOf(ChildJvm.freePort()), "--accounts", accounts.toString()),
                        dir.resolve("msn-server.log"));
            } else {
                msnDispatch = options.msnDispatch;
            }
            prosody = startedProsody;
            msn = startedMsn;
            metricsPort = ChildJvm.freePort();
            Path config = Files.writeString(dir.resolve("transport.yaml"), config(options), StandardCharsets.UTF_8);
            transport = new ChildJvm("transport", options.transportJvm, jar("imbridge.jar", "target/imbridge.jar"),
                    List.of("run", "--config", config.toString()), dir.resolve("transport.log"));
            if (msn != null) {
                startMsn();
            }
            startTransport();
        } catch (Exception | Error e) {
            if (startedMsn != null) {
                startedMsn.close();
            }
            if (startedProsody != null) {
                startedProsody.close();
            }
            throw e;
        }
    }

    private String config(Options options) {
        return "component:\n"
                + "  jid: " + prosody.componentDomain() + "\n"
                + "  host: 127.0.0.1\n"
                + "  port: " + prosody.componentPort() + "\n"
                + "  secret: " + prosody.componentSecret() + "\n"
                + (options.maxStanzaBytes == null ? "" : "  max-stanza-bytes: " + options.maxStanzaBytes + "\n")
                + "msn:\n"
                + "  host: " + msnDispatch.getHostString() + "\n"
                + "  port: " + msnDispatch.getPort() + "\n"
                + "storage:\n"
                + "  url: jdbc:h2:file:" + dir.resolve("data/imbridge") + "\n"
                + "  key-file: " + dir.resolve("data/password.key") + "\n"
                + "registration:\n"
                + "  allow: ['*']\n"
                + "limits:\n"
                + "  messages-per-minute: " + options.messagesPerMinute + "\n"
                + "logging:\n"
                + "  level: info\n"
                + "metrics:\n"
                + "  port: " + metricsPort + "\n"
                + "  host: 127.0.0.1\n"
                + options.extraConfig;
    }

    private static Path jar(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    void startMsn() {
        msn.start();
        await("msn-server listening").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> ChildJvm.accepts(msnDispatch.getPort()) || !msn.isAlive());
        if (!msn.isAlive()) {
            throw new IllegalStateException("msn-server exited\n" + msn.tail(30));
        }
    }

    /** Starts the transport (again) and waits until its component stream is online once more. */
    void startTransport() {
        long before = transport.linesContaining(ONLINE_LINE);
        transport.start();
        awaitComponentOnline(before + 1);
    }

    /** Waits until the transport's log says its component stream came online {@code times} times in all. */
    void awaitComponentOnline(long times) {
        await("the transport's component stream online").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!transport.isAlive()) {
                        throw new IllegalStateException("the transport exited\n" + transport.tail(40));
                    }
                    return transport.linesContaining(ONLINE_LINE) >= times;
                });
    }

    long componentOnlineCount() {
        return transport.linesContaining(ONLINE_LINE);
    }

    String transportDomain() {
        return prosody.componentDomain();
    }

    /** A Prosody account, logged in, not registered with the transport. */
    JabberUser login(String user) throws Exception {
        prosody.registerUser(user, "xmpp-" + user);
        XMPPTCPConnection client = ProsodyClients.newClient(prosody, user, "xmpp-" + user);
        JabberUser u = new JabberUser(client, transportDomain());
        client.connect().login();
        clients.add(client);
        return u;
    }

    /** Logs in, registers {@code msnHandle} with the transport and waits for the transport's subscription. */
    JabberUser onboard(String user, String msnHandle, String password) throws Exception {
        JabberUser u = login(user);
        u.client.createStanzaCollectorAndSend(RegistrationForm.submission(
                JidCreate.domainBareFrom(transportDomain()), msnHandle, password)).nextResultOrThrow(TIMEOUT.toMillis());
        await("subscribed to the transport").atMost(TIMEOUT).until(() -> u.presences.stream().anyMatch(p ->
                p.getType() == Presence.Type.subscribed && p.getFrom().toString().equals(transportDomain())));
        return u;
    }

    @Override
    public void close() {
        for (XMPPTCPConnection c : clients) {
            c.disconnect();
        }
        transport.close();
        if (msn != null) {
            msn.close();
        }
        prosody.close();
    }
}
