package org.imbridge.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.store.PostgresServer;
import org.imbridge.xmpp.gateway.register.RegistrationForm;
import org.imbridge.xmpp.stream.StanzaCodec;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Several packaged transports on one domain, on the real engine: a private ejabberd balancing the
 * component domain by the sender's bare JID, a private PostgreSQL they share, our MSN network, and
 * {@value #USERS} Jabber users chatting with one MSN contact. One ordered run, since each phase starts
 * from where the last one left the deployment:
 * <ol>
 *   <li>three instances: every user online on MSN, spread over the three; a message each way per user
 *       delivered once;</li>
 *   <li>the instance with the most users is killed with SIGKILL while three of its users chat: its
 *       users are back on MSN through the others, without their clients doing anything, within 30 s;
 *       every chat message delivered once or bounced;</li>
 *   <li>a fourth instance starts: users move to it, and no client sees its MSN contact go offline;</li>
 *   <li>all but the fourth are stopped (SIGTERM): everyone is on the fourth, again without the contact
 *       going offline in any client, and chatting works.</li>
 * </ol>
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MultiInstanceIT {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final int USERS = 30;
    /** MSN contacts, each the contact of {@value #USERS_PER_PEER} users (an MSN client keeps at most 64 conversations). */
    private static final int USERS_PER_PEER = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);

    private final Map<String, ChildJvm> instances = new LinkedHashMap<>();
    private final List<XMPPTCPConnection> clients = new ArrayList<>();
    private final List<JabberUser> users = new ArrayList<>();
    /** Users an administrator removed: out of the chat rounds and the counts from then on. */
    private final List<Integer> removed = new ArrayList<>();
    private PrivateEjabberd ejabberd;
    private ChildJvm msn;
    private final List<MsnContact> peers = new ArrayList<>();
    /** Configs, keys and the instances' logs; kept when the test fails, for the logs. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private String database;
    private InetSocketAddress msnDispatch;

    @Test
    void instancesShareUsersSurviveAKillTakeANewcomerAndHandOverWhenStopped() throws Exception {
        Assumptions.assumeTrue(PrivateEjabberd.available(), PrivateEjabberd::unavailableReason);
        startEngine();
        startInstance("t1");
        ExecutorService starting = Executors.newFixedThreadPool(2);
        List<Future<?>> more = List.of(starting.submit(() -> startInstance("t2")), starting.submit(() -> startInstance("t3")));
        for (Future<?> f : more) {
            f.get(2, TimeUnit.MINUTES);
        }
        starting.shutdown();
        for (int p = 1; p <= USERS / USERS_PER_PEER; p++) {
            peers.add(new MsnContact(msnDispatch, peerHandle(p), "pw"));
        }
        onboardUsers();

        // 1. spread over three, chatting
        await("every user online on MSN").atMost(TIMEOUT).until(() -> onlineOnMsn() == USERS);
        await("every user claimed").atMost(TIMEOUT).until(() -> claims().values().stream().mapToInt(i -> i).sum() == USERS);
        Map<String, Integer> spread = claims();
        SuiteFigures.record("multi-instance", "users per instance with three: " + spread);
        assertThat(spread.keySet()).as("ejabberd spread the users over every instance").containsExactlyInAnyOrder("t1", "t2", "t3");
        chatRound("three");

        // 2. kill -9 the busiest instance while some of its users chat
        String victim = spread.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Integer> victims = usersOf(victim);
        List<NumberedChat> chats = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int i : victims.subList(0, Math.min(3, victims.size()))) {
            NumberedChat chat = new NumberedChat("kill-" + i, users.get(i - 1), peerOf(i), handle(i), peerHandleOf(i));
            chats.add(chat);
            senders.add(chat.jabberSends(30, Duration.ofMillis(200)));
            senders.add(chat.msnSends(30, Duration.ofMillis(200)));
        }
        await("the chats under way").atMost(TIMEOUT).until(() -> chats.stream().allMatch(c ->
                c.deliveredToMsn(3) && c.deliveredToJabber(3)));
        long killedAt = System.nanoTime();
        instances.get(victim).kill9();
        await("the killed instance's users back on MSN").atMost(TAKEOVER_BOUND).until(() -> victims.stream()
                .allMatch(i -> peerOf(i).onlineAgainAfter(handle(i), killedAt) > 0));
        long backAt = victims.stream().mapToLong(i -> peerOf(i).onlineAgainAfter(handle(i), killedAt)).max().orElseThrow();
        await("its claims taken").atMost(TIMEOUT).until(() -> !claims().containsKey(victim)
                && claims().values().stream().mapToInt(n -> n).sum() == USERS);
        for (Thread t : senders) {
            t.join(TIMEOUT.toMillis());
        }
        try {
            await("the chats settled").atMost(Duration.ofSeconds(20)).until(() -> chats.stream().allMatch(c ->
                    c.toMsn().settled() && c.toJabber().settled()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported and judged below
        }
        SuiteFigures.record("multi-instance", "kill -9 of " + victim + " (" + victims.size() + " users): all back on MSN "
                + Duration.ofNanos(backAt - killedAt).toMillis() + " ms after the kill; " + claims());
        int droppedInGap = 0;
        for (NumberedChat c : chats) {
            SuiteFigures.record("multi-instance", c.toMsn() + " (sent ms after the kill: "
                    + c.toMsn().lostNumbers().stream().map(n -> (c.toMsnSentAt(n) - killedAt) / 1_000_000).toList()
                    + "); " + c.toJabber() + " (sent ms after the kill: "
                    + c.toJabber().lostNumbers().stream().map(n -> (c.toJabberSentAt(n) - killedAt) / 1_000_000).toList()
                    + ")");
            assertThat(c.toMsn().duplicated() + c.toJabber().duplicated()).isZero();
            assertThat(c.toMsn().deliveredAndBounced() + c.toJabber().deliveredAndBounced()).isZero();
            assertThat(c.toJabber().lost()).as("MSN→Jabber messages MSN accepted and nobody delivered").isZero();
            // ejabberd drops, without an error, stanzas for a balancing slot no stream holds: between the kill
            // and the slot being filled again (the users being back is later still), and only then
            assertThat(c.toMsn().lostNumbers()).as("Jabber→MSN messages lost after the slot was held again")
                    .allMatch(n -> c.toMsnSentAt(n) < backAt);
            droppedInGap += c.toMsn().lost();
        }
        SuiteFigures.record("multi-instance", droppedInGap + " Jabber→MSN messages dropped by ejabberd while the dead"
                + " instance's slot was empty");
        chatRound("after-kill");

        // 3. a newcomer: users move to it without their contact going offline
        Map<Integer, Integer> presencesBefore = presenceCounts();
        startInstance("t4");
        await("users moved to the newcomer").atMost(TIMEOUT).until(() -> claims().getOrDefault("t4", 0) > 0
                && claims().values().stream().mapToInt(n -> n).sum() == USERS);
        await("every user online on MSN").atMost(TIMEOUT).until(() -> onlineOnMsn() == USERS);
        chatRound("four");
        SuiteFigures.record("multi-instance", "after t4 joined: " + claims());
        assertNoContactWentOffline(presencesBefore);

        // an administrator removes a user served by one instance with `imbridge users remove` pointed at another's config
        Map<String, Integer> served = claims();
        String servingInstance = List.of("t1", "t2", "t3").stream().filter(n -> !n.equals(victim)
                && served.getOrDefault(n, 0) > 0).findFirst().orElseThrow();
        int removedUser = usersOf(servingInstance).get(0);
        String otherConfig = dir.resolve("t4.yaml").toString();
        Process remove = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar("imbridge.jar", "target/imbridge.jar").toString(), "users", "remove", "--config", otherConfig,
                "jabber" + removedUser + "@localhost").redirectErrorStream(true)
                .redirectOutput(dir.resolve("users-remove.log").toFile()).start();
        assertThat(remove.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(remove.exitValue()).as(Files.readString(dir.resolve("users-remove.log"))).isZero();
        JabberUser removedJabber = users.get(removedUser - 1);
        await("the removed user told").atMost(TIMEOUT).until(() -> removedJabber.messages.stream().anyMatch(m ->
                m.getBody() != null && m.getBody().contains("removed by an administrator")));
        await("the removed user off MSN").atMost(TIMEOUT).until(() -> peerOf(removedUser).onlineSince(handle(removedUser)) < 0);
        removed.add(removedUser);
        await("the removed user's claim gone").atMost(TIMEOUT).until(() -> claims().values().stream()
                .mapToInt(n -> n).sum() == USERS - removed.size());
        SuiteFigures.record("multi-instance", "user " + removedUser + " (on " + servingInstance
                + ") removed with `imbridge users remove` and t4's config: told and logged out");

        // 4. everyone but the newcomer stops: all on the newcomer
        presencesBefore = presenceCounts();
        ExecutorService stopping = Executors.newFixedThreadPool(3);
        Map<String, Future<Duration>> stops = new HashMap<>();
        for (String name : List.of("t1", "t2", "t3")) {
            if (!name.equals(victim)) {
                stops.put(name, stopping.submit(() -> instances.get(name).terminate(Duration.ofSeconds(60))));
            }
        }
        for (Map.Entry<String, Future<Duration>> stop : stops.entrySet()) {
            Duration took = stop.getValue().get(2, TimeUnit.MINUTES);
            SuiteFigures.record("multi-instance", stop.getKey() + " stopped in " + (took == null ? "(killed)" : took.toMillis() + " ms"));
            assertThat(took).as(stop.getKey() + " stopped by itself").isNotNull();
            assertThat(instances.get(stop.getKey()).exitStatus()).isEqualTo(143);
        }
        stopping.shutdown();
        try {
            await("everyone on the last instance").atMost(TIMEOUT)
                    .until(() -> claims().equals(Map.of("t4", USERS - removed.size())));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; claims " + claims() + handOverLines(), e);
        }
        await("every user online on MSN").atMost(TIMEOUT).until(() -> onlineOnMsn() == USERS - removed.size());
        chatRound("one");
        assertNoContactWentOffline(presencesBefore);
    }

    /** What each instance logged about leaving, taking users over and asking for them: why a hand-over stalled. */
    private String handOverLines() {
        StringBuilder out = new StringBuilder();
        instances.forEach((name, jvm) -> {
            out.append("\n--- ").append(name).append(":");
            jvm.log().lines().filter(l -> l.contains("live instances") || l.contains("is gone")
                    || l.contains("slots free") || l.contains("handing") || l.contains("taken over")
                    || l.contains("left the deployment") || l.contains("WARN") || l.contains("ERROR"))
                    .forEach(l -> out.append("\n").append(l));
        });
        return out.toString();
    }

    // ---- the engine ---------------------------------------------------------------------------

    private void startEngine() throws Exception {
        ejabberd = PrivateEjabberd.builder()
                .extraConfig("domain_balancing:")
                .extraConfig("  \"msn.localhost\":")
                .extraConfig("    type: bare_source")
                .extraConfig("    component_number: 3")
                .start();
        database = POSTGRES.newDatabase();
        StringBuilder accounts = new StringBuilder("accounts:\n");
        for (int i = 1; i <= USERS; i++) {
            accounts.append("  - {email: ").append(handle(i)).append(", password: pw, contacts: [").append(peerHandleOf(i))
                    .append("]}\n");
        }
        for (int p = 1; p <= USERS / USERS_PER_PEER; p++) {
            StringBuilder theirs = new StringBuilder();
            for (int i = (p - 1) * USERS_PER_PEER + 1; i <= p * USERS_PER_PEER; i++) {
                theirs.append(theirs.length() == 0 ? "" : ", ").append(handle(i));
            }
            accounts.append("  - {email: ").append(peerHandle(p)).append(", password: pw, contacts: [").append(theirs)
                    .append("]}\n");
        }
        Path accountsFile = Files.writeString(dir.resolve("msn-accounts.yaml"), accounts);
        int dispatch = ChildJvm.freePort();
        msnDispatch = new InetSocketAddress("127.0.0.1", dispatch);
        msn = new ChildJvm("msn-server", List.of("-Xmx96m"), jar("imbridge.msn-server.jar", "../msn-server/target/msn-server.jar"),
                List.of("--host", "127.0.0.1", "--port", String.valueOf(dispatch), "--ns-port", String.valueOf(ChildJvm.freePort()),
                        "--sb-port", String.valueOf(ChildJvm.freePort()), "--accounts", accountsFile.toString()),
                dir.resolve("msn-server.log")).start();
        await("msn-server listening").atMost(TIMEOUT).until(() -> ChildJvm.accepts(dispatch) || !msn.isAlive());
        assertThat(msn.isAlive()).as("msn-server runs").isTrue();
    }

    private void startInstance(String name) {
        try {
            Path config = Files.writeString(dir.resolve(name + ".yaml"), config(name), StandardCharsets.UTF_8);
            ChildJvm jvm = new ChildJvm(name, List.of("-Xmx128m"), jar("imbridge.jar", "target/imbridge.jar"),
                    List.of("run", "--config", config.toString()), dir.resolve(name + ".log"));
            synchronized (instances) {
                instances.put(name, jvm);
            }
            jvm.start();
            await(name + " online").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!jvm.isAlive()) {
                    throw new IllegalStateException(name + " exited\n" + jvm.tail(40));
                }
                return jvm.linesContaining(PackagedBridge.ONLINE_LINE) > 0;
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String config(String name) {
        return "component:\n"
                + "  jid: " + ejabberd.componentDomain() + "\n"
                + "  host: 127.0.0.1\n"
                + "  port: " + ejabberd.componentPort() + "\n"
                + "  secret: " + ejabberd.componentSecret() + "\n"
                + "msn:\n"
                + "  host: 127.0.0.1\n"
                + "  port: " + msnDispatch.getPort() + "\n"
                + "storage:\n"
                + "  url: " + database + "\n"
                + "  user: " + PostgresServer.USER + "\n"
                + "  key-file: " + dir.resolve("store.key") + "\n"
                + "registration:\n"
                + "  allow: ['*']\n"
                + "logging:\n"
                + "  level: info\n"
                + "instance:\n"
                + "  name: " + name + "\n"
                + "  heartbeat-interval: 1s\n"
                + "  lease: 5s\n"
                + "  handover-grace: 3s\n"
                + "  component-number: 3\n";
    }

    private static Path jar(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    // ---- the users ----------------------------------------------------------------------------

    private void onboardUsers() throws Exception {
        ExecutorService registering = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            int n = i;
            done.add(registering.submit(() -> ejabberd.registerUser("jabber" + n, "pw")));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        registering.shutdown();
        Jid transport = JidCreate.domainBareFrom(ejabberd.componentDomain());
        for (int i = 1; i <= USERS; i++) {
            XMPPTCPConnection client = client("jabber" + i);
            JabberUser user = new JabberUser(client, ejabberd.componentDomain());
            client.connect().login();
            clients.add(client);
            users.add(user);
            client.createStanzaCollectorAndSend(RegistrationForm.submission(transport, handle(i), "pw"))
                    .nextResultOrThrow(TIMEOUT.toMillis());
        }
        for (JabberUser user : users) {
            await("subscribed to the transport").atMost(TIMEOUT).until(() -> user.presences.stream().anyMatch(p ->
                    p.getType() == Presence.Type.subscribed && p.getFrom().toString().equals(ejabberd.componentDomain())));
        }
    }

    private XMPPTCPConnection client(String user) throws Exception {
        StanzaCodec.initialize();
        return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(ejabberd.virtualHost())
                .setHost(ejabberd.host())
                .setPort(ejabberd.c2sPort())
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, "pw")
                .setResource("test")
                .setConnectTimeout(10_000)
                .build());
    }

    private static String handle(int i) {
        return "user" + i + "@hotmail.com";
    }

    private static String peerHandle(int p) {
        return "peer" + p + "@hotmail.com";
    }

    private static String peerHandleOf(int user) {
        return peerHandle((user - 1) / USERS_PER_PEER + 1);
    }

    private MsnContact peerOf(int user) {
        return peers.get((user - 1) / USERS_PER_PEER);
    }

    private long onlineOnMsn() {
        long n = 0;
        for (int i = 1; i <= USERS; i++) {
            if (!removed.contains(i) && peerOf(i).onlineSince(handle(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * One message each way per user, every one delivered once: the users write first, and the contact
     * answers in the conversations they opened (a client keeps at most 64 open).
     */
    private void chatRound(String tag) throws Exception {
        peers.forEach(MsnContact::closeIdleSwitchboards);
        for (int i : active()) {
            JabberUser user = users.get(i - 1);
            assertThat(user.trySend(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(user.contact(peerHandleOf(i)))
                    .setBody(tag + " from " + i).build())).isTrue();
        }
        try {
            await("round " + tag + " delivered to MSN").atMost(TIMEOUT).until(() -> missingAtMsn(tag).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(missingAtMsn(tag)).as("round " + tag + ": users whose message did not reach MSN; claims "
                    + claims() + "; errors " + users.stream().flatMap(u -> u.messages.stream())
                    .filter(m -> m.getType() == Message.Type.error).map(m -> m.getError().toString()).toList()).isEmpty();
        }
        for (int i : active()) {
            boolean said = peerOf(i).trySay(handle(i), tag + " to " + i);
            assertThat(said).as("MSN accepted the message to user " + i + ": " + peerOf(i).failures).isTrue();
        }
        await("round " + tag + " delivered to Jabber").atMost(TIMEOUT).until(() -> {
            for (int i : active()) {
                if (users.get(i - 1).bodiesEqualTo(tag + " to " + i) == 0) {
                    return false;
                }
            }
            return true;
        });
        for (int i : active()) {
            String body = tag + " from " + i;
            assertThat(peerOf(i).texts.stream().filter(body::equals).count()).as(body).isOne();
            assertThat(users.get(i - 1).bodiesEqualTo(tag + " to " + i)).as(tag + " to " + i).isOne();
            assertThat(users.get(i - 1).messages).noneMatch(m -> m.getType() == Message.Type.error);
        }
    }

    private List<Integer> active() {
        List<Integer> active = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            if (!removed.contains(i)) {
                active.add(i);
            }
        }
        return active;
    }

    private List<Integer> missingAtMsn(String tag) {
        List<Integer> missing = new ArrayList<>();
        for (int i : active()) {
            String body = tag + " from " + i;
            if (peerOf(i).texts.stream().noneMatch(body::equals)) {
                missing.add(i);
            }
        }
        return missing;
    }

    private Map<Integer, Integer> presenceCounts() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 1; i <= USERS; i++) {
            counts.put(i, users.get(i - 1).presences.size());
        }
        return counts;
    }

    private void assertNoContactWentOffline(Map<Integer, Integer> since) {
        for (int i : active()) {
            JabberUser user = users.get(i - 1);
            List<Presence> later = new ArrayList<>(user.presences).subList(since.get(i), user.presences.size());
            String contact = user.contact(peerHandleOf(i)).toString();
            assertThat(later).as("user " + i + " saw " + peerHandleOf(i) + " go offline").noneMatch(p ->
                    p.getFrom() != null && p.getFrom().asBareJid().toString().equals(contact)
                            && p.getType() == Presence.Type.unavailable);
        }
    }

    // ---- the shared database ------------------------------------------------------------------

    private Map<String, Integer> claims() throws Exception {
        Map<String, Integer> byInstance = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database, PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT instance, count(*) FROM session_owner GROUP BY instance")) {
            while (rs.next()) {
                byInstance.put(rs.getString(1), rs.getInt(2));
            }
        }
        return byInstance;
    }

    private List<Integer> usersOf(String instance) throws Exception {
        List<Integer> of = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database, PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_jid FROM session_owner WHERE instance = '" + instance + "'")) {
            while (rs.next()) {
                of.add(Integer.parseInt(rs.getString(1).replaceAll("\\D", "")));
            }
        }
        of.sort(null);
        return of;
    }

    @AfterEach
    void stopAll() {
        clients.forEach(XMPPTCPConnection::disconnect);
        peers.forEach(MsnContact::close);
        instances.values().forEach(ChildJvm::close);
        if (msn != null) {
            msn.close();
        }
        if (ejabberd != null) {
            ejabberd.close();
        }
    }
}
