package org.imbridge.app.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.app.config.TransportConfig;
import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportFactory;
import org.imbridge.app.launcher.demo.TourClient.StepFailed;
import org.imbridge.prosody.PrivateProsody;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code imbridge demo}: starts a private Prosody on loopback with the transport's component
 * configured, our MSN network with the demo accounts, the echo contact, and the transport; then
 * either waits for a person (printing the Jabber accounts to log in with and what to try) or, with
 * {@link DemoOptions#tour()}, runs the {@link Tour}. {@link #close()} stops everything it started,
 * in reverse order, and deletes its working directory.
 */
public final class Demo implements AutoCloseable {

    /** Exit code: Prosody is not installed. */
    public static final int EXIT_NO_PROSODY = 5;

    static final String DOMAIN = "localhost";
    static final String TRANSPORT = "msn." + DOMAIN;
    static final String DEMO_USER = "demo";
    static final String SPARE_USER = "demo2";

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final DemoOptions options;
    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final DemoAccounts accounts = DemoAccounts.load();
    private Path directory;
    private PrivateProsody prosody;
    private MsnServer msn;
    private boolean closed;
    /** Whether the demo's Prosody grants the transport roster privileges (XEP-0356). */
    private boolean privilege = PrivateProsody.privilegeInstalled();

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Starts everything (and with a tour, runs it).
     *
     * @return for a tour: 0 when every step worked, else 1; otherwise 0 once everything runs
     * @throws IOException when a part cannot start (the message says which and why)
     */
    public int start() throws Exception {
        if (!PrivateProsody.installed()) {
            out.println("Prosody is not installed. Install it with:  apt-get install -y prosody"
                    + "   (./imbridge-demo does it for you)");
            return EXIT_NO_PROSODY;
        }
        directory = Files.createTempDirectory("imbridge-demo-");
        started.push(this::deleteDirectory);
        step("Starting our MSN network");
        msn = MsnServer.start(MsnServerConfig.builder().accounts(accounts.all())
                .dispatchPort(preferred(options.preferredMsnPort())).build());
        started.push(msn);
        AccountSpec echo = accounts.get(DemoAccounts.ECHO);
        started.push(EchoBot.start(msn.dispatchAddress(), echo.email(), echo.password(), options.echoTypingTime())
                .toCompletableFuture().get(30, TimeUnit.SECONDS));
        done("dispatch on " + address(msn.dispatchAddress()) + ", " + accounts.all().size() + " accounts, "
                + echo.nick() + " online");

        step("Starting Prosody on loopback");
        prosody = PrivateProsody.builder().directory(directory.resolve("prosody")).virtualHost(DOMAIN)
                .componentDomain(TRANSPORT).componentSecret(randomSecret())
                .componentSection(ProsodySnippet::section)
                // with prosody-modules, the transport writes contacts (names, groups) straight into rosters
                .privilege(privilege)
                .preferredC2sPort(options.preferredC2sPort()).startTimeout(java.time.Duration.ofSeconds(20))
                .authentication("internal_hashed").ownSession(true)
                .extraModule("private").extraModule("vcard").extraModule("version").extraModule("carbons")
                .start();
        started.push(prosody);
        done("clients on 127.0.0.1:" + prosody.c2sPort() + ", component " + TRANSPORT + " on port "
                + prosody.componentPort());

        step("Starting the transport");
        TransportConfig config = transportConfig();
        Transport transport = Transport.start(new TransportFactory().settings(config), stopped -> {
            if (stopped.fatal()) {
                LOG.error("Prosody refused the transport: {}", stopped.reason());
            }
        }).toCompletableFuture().get(30, TimeUnit.SECONDS);
        started.push(transport);
        done(TRANSPORT + " connected");
        out.println();
        return options.tour() ? tour() : welcome();
    }

    private int tour() throws IOException {
        String password = randomSecret();
        prosody.registerUser("tour", password);
        Tour.Plan plan = new Tour.Plan(prosody.host(), prosody.c2sPort(), DOMAIN, "tour", password, TRANSPORT,
                DemoAccounts.USER_ACCOUNT, accounts.get(DemoAccounts.USER_ACCOUNT).password(),
                accounts.contactsOf(DemoAccounts.USER_ACCOUNT), DemoAccounts.ECHO,
                "Hello from Jabber! Ça marche? Grüße, 你好 👋", options.stepTimeout());
        return new Tour(plan, out).run() ? 0 : 1;
    }

    private int welcome() throws Exception {
        step("Creating Jabber accounts " + DEMO_USER + "@" + DOMAIN + " and " + SPARE_USER + "@" + DOMAIN);
        prosody.registerUser(DEMO_USER, DEMO_USER);
        prosody.registerUser(SPARE_USER, SPARE_USER);
        onboard();
        done(DEMO_USER + " is registered with the transport as " + DemoAccounts.USER_ACCOUNT);
        AccountSpec spare = accounts.get(DemoAccounts.SPARE_ACCOUNT);
        String port = prosody.c2sPort() == 5222 ? "5222 (the default)" : prosody.c2sPort()
                + "  (5222 is taken on this machine: set this port in your client)";
        out.println();
        out.println("IMBridge demo is running. Log in from any Jabber/XMPP client (Gajim, Psi+, Pidgin, profanity…):");
        out.println();
        out.println("    account   " + DEMO_USER + "@" + DOMAIN);
        out.println("    password  " + DEMO_USER);
        out.println("    server    127.0.0.1, port " + port);
        out.println("    TLS       the certificate is self-signed: accept it, or turn encryption off (loopback only)");
        out.println();
        out.println("What to try:");
        out.println("  1. Your roster has the MSN contacts of " + DemoAccounts.USER_ACCOUNT + " (Bob, Carol, Echo Bot).");
        out.println("     Write to Echo Bot <" + contact(DemoAccounts.ECHO) + ">: it types for a moment, then answers.");
        out.println("  2. Change your status (away, busy): MSN users see it; Bob and Carol are offline until someone");
        out.println("     logs in as them.");
        out.println("  3. Log in a second client as " + SPARE_USER + "@" + DOMAIN + " (password " + SPARE_USER
                + "), open service discovery");
        out.println("     on " + TRANSPORT + " and register with MSN account " + spare.email() + " / "
                + spare.password() + ";");
        out.println("     then the two accounts chat with each other across MSN.");
        out.println("  4. Add a contact: subscribe to carol%hotmail.com@" + TRANSPORT
                + " (MSN address carol@hotmail.com).");
        out.println("  5. " + DEMO_USER + "@" + DOMAIN + " is the transport's admin: run its commands (Gajim: right-click "
                + TRANSPORT + ",");
        out.println("     Execute Command): online users, statistics, announce, disconnect a user.");
        out.println();
        out.println("Our MSN network takes MSN clients too: dispatch " + address(msn.dispatchAddress())
                + ", accounts in config/msn-accounts.yaml.");
        out.println("Logs: " + System.getProperty("imbridge.log.file", "(console)") + ".  Stop with Ctrl-C.");
        out.flush();
        return 0;
    }

    /**
     * Registers the demo account with the transport as a person's client would (approving its
     * contacts, named as their requests say), and stays until every contact is in the roster named and
     * subscribed both ways: the roster a person who registers by hand ends up with.
     */
    private void onboard() throws Exception {
        try (TourClient client = new TourClient(prosody.host(), prosody.c2sPort(), DOMAIN, DEMO_USER, DEMO_USER,
                options.stepTimeout())) {
            client.login();
            client.register(JidCreate.domainBareFrom(TRANSPORT), DemoAccounts.USER_ACCOUNT,
                    accounts.get(DemoAccounts.USER_ACCOUNT).password());
            for (String handle : accounts.contactsOf(DemoAccounts.USER_ACCOUNT)) {
                String jid = contact(handle);
                TourClient.check(client.awaitRosterEntry(JidCreate.bareFrom(jid), TourClient::isApproved).isPresent(),
                        jid + " is not in the roster with a name, subscribed both ways");
            }
        } catch (StepFailed e) {
            throw new IOException("could not register the demo account with the transport: " + e.getMessage(), e);
        }
    }

    private TransportConfig transportConfig() {
        Path data = directory.resolve("transport");
        return new TransportConfig(
                new TransportConfig.Component(TRANSPORT, prosody.host(), prosody.componentPort(),
                        prosody.componentSecret(), null, null, null),
                new TransportConfig.Msn(msn.dispatchAddress().getHostString(), msn.dispatchAddress().getPort()),
                new TransportConfig.Storage("jdbc:h2:file:" + data.resolve("imbridge") + ";DB_CLOSE_ON_EXIT=FALSE",
                        null, null, data.resolve("password.key").toString()),
                new TransportConfig.Registration(List.of("*")),
                List.of(DEMO_USER + "@" + DOMAIN),
                TransportConfig.Limits.DEFAULTS);
    }

    private static String contact(String handle) {
        return handle.replace('@', '%') + "@" + TRANSPORT;
    }

    private static int preferred(int port) {
        return port > 0 && PrivateProsody.isFree(port) ? port : 0;
    }

    private static String address(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void step(String what) {
        out.print(what + " … ");
        out.flush();
    }

    private void done(String detail) {
        out.println("ok (" + detail + ")");
        out.flush();
    }

    /** Runs Prosody without roster privileges, as without prosody-modules (for tests); before {@link #start}. */
    Demo withoutPrivilege() {
        privilege = false;
        return this;
    }

    /** @return the demo's Prosody, once started (for tests) */
    PrivateProsody prosody() {
        return prosody;
    }

    /** Stops everything this demo started, newest first. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part, e.toString());
            }
        }
    }

    private void deleteDirectory() {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", directory, e.toString());
        }
    }
}
