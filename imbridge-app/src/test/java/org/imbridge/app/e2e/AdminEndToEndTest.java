package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.imbridge.msnserver.MsnServer;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportFactory;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.gateway.register.RegistrationForm;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The transport as {@code imbridge run} starts it (from a transport.yaml, with admins, limits and
 * metrics), against Prosody and our MSN network: XEP-0050 admin commands (and forbidden for others),
 * reload from the file, the Prometheus endpoint, and the user's JID in log lines about them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static PrivateProsody prosody;
    private static MsnServer msn;
    private static Transport transport;
    private static Path configFile;
    private static DomainBareJid transportJid;
    private static int metricsPort;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.getMDCPropertyMap(); // read now, on the thread that logs: the event reads it lazily
            super.append(event);
        }
    };
    private static final List<XMPPTCPConnection> CLIENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LOGS.start();
        root.addAppender(LOGS);
        prosody = PrivateProsody.builder().start();
        msn = MsnServer.start(MsnServerConfig.builder().accounts(List.of(
                AccountSpec.of("romeo@hotmail.com", "romeo-pw-42", "Romeo").withContacts("bob@hotmail.com"),
                AccountSpec.of("juliet@hotmail.com", "juliet-pw", "Juliet"),
                AccountSpec.of("bob@hotmail.com", "bob-pw", "Bob").withContacts("romeo@hotmail.com"))).build());
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            metricsPort = free.getLocalPort();
        }
        configFile = dir.resolve("transport.yaml");
        writeConfig("[boss@localhost]", 120);
        ConfigLoader loader = ConfigLoader.withSystemEnvironment();
        transport = Transport.start(new TransportFactory().settings(loader.load(configFile), configFile, loader),
                stopped -> { }).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        transportJid = JidCreate.domainBareFrom(prosody.componentDomain());
    }

    @AfterAll
    static void stop() {
        CLIENTS.forEach(XMPPTCPConnection::disconnect);
        if (transport != null) {
            transport.close();
        }
        if (msn != null) {
            msn.stop();
        }
        if (prosody != null) {
            prosody.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    }

    @Test
    @Order(2)
    void adminsRunTheCommandsOthersAreForbidden() throws Exception {
        XMPPTCPConnection boss = login("boss");
        XMPPTCPConnection eve = login("eve");
        List<Message> romeoMessages = new CopyOnWriteArrayList<>();
        XMPPTCPConnection romeo = login("romeo");
        romeo.addAsyncStanzaListener((StanzaListener) s -> romeoMessages.add((Message) s), StanzaTypeFilter.MESSAGE);
        register(romeo, "romeo@hotmail.com", "romeo-pw-42");
        await().atMost(TIMEOUT).until(() -> msn.isOnline("romeo@hotmail.com"));

        DiscoverItems commands = AdHocCommandManager.getAddHocCommandsManager(boss).discoverCommands(transportJid);
        assertThat(commands.getItems()).extracting(DiscoverItems.Item::getName).contains("Online users", "Statistics",
                "Announce to online users", "Disconnect a user", "Remove a user", "Reload configuration");
        assertThat(AdHocCommandManager.getAddHocCommandsManager(eve).discoverCommands(transportJid).getItems()).isEmpty();
        RemoteCommand evesTry = command(eve, "urn:imbridge:admin#statistics");
        assertThatThrownBy(evesTry::execute).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));

        RemoteCommand online = command(boss, "http://jabber.org/protocol/admin#get-online-users-list");
        online.execute();
        assertThat(online.getForm().getField("onlineuserjids").getValuesAsString())
                .containsExactly("julia@localhost", "romeo@localhost");

        RemoteCommand stats = command(boss, "urn:imbridge:admin#statistics");
        stats.execute();
        assertThat(stats.getForm().getField("registeredusersnum").getFirstValue()).isEqualTo("2");
        assertThat(stats.getForm().getField("onlineusersnum").getFirstValue()).isEqualTo("2");
        assertThat(stats.getForm().getField("instance").getFirstValue()).isEqualTo("e2e-1");
        // the deployment as its last heartbeat saw it: a second or so behind the logins
        await().atMost(TIMEOUT).untilAsserted(() -> {
            RemoteCommand again = command(boss, "urn:imbridge:admin#statistics");
            again.execute();
            assertThat(again.getForm().getField("instances").getValuesAsString()).singleElement().asString()
                    .startsWith("e2e-1: 2 users with a session");
        });
        assertThat(stats.getForm().getField("uptime").getFirstValue()).matches("\\d\\d:\\d\\d:\\d\\d");

        RemoteCommand announce = command(boss, "http://jabber.org/protocol/admin#announce");
        announce.execute();
        FillableForm text = new FillableForm(announce.getForm());
        text.setAnswer("announcement", "Maintenance at noon");
        announce.complete(text);
        assertThat(announce.getNotes()).extracting(AdHocCommandNote::getValue).containsExactly("Sent to 2 users.");
        await().atMost(TIMEOUT).until(() -> romeoMessages.stream().anyMatch(m -> m.getType() == Message.Type.headline
                && "Maintenance at noon".equals(m.getBody()) && transportJid.equals(m.getFrom())));

        String scrape = httpGet(metricsPort);
        assertThat(scrape).contains("imbridge_users_online{instance=\"e2e-1\"} 2.0")
                .contains("imbridge_logins_total{instance=\"e2e-1\",network=\"msn\",result=\"success\"}");

        RemoteCommand disconnect = command(boss, "http://jabber.org/protocol/admin#end-user-session");
        disconnect.execute();
        FillableForm who = new FillableForm(disconnect.getForm());
        who.setAnswer("accountjids", List.of(JidCreate.from("romeo@localhost")));
        disconnect.complete(who);
        assertThat(disconnect.getNotes().get(0).getValue()).isEqualTo("Disconnected: romeo@localhost. ");
        await().atMost(TIMEOUT).until(() -> !msn.isOnline("romeo@hotmail.com"));
        assertThat(msn.isOnline("juliet@hotmail.com")).isTrue();

        // every log line about romeo names him; his MSN password is in none
        assertThat(LOGS.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains("registered as romeo@hotmail.com");
            assertThat(e.getMDCPropertyMap()).containsEntry("user", "romeo@localhost");
        });
        assertThat(LOGS.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("romeo-pw-42"));
        // also the MSN client's lines about his session, written on its I/O threads
        assertThat(LOGS.list).filteredOn(e -> e.getFormattedMessage().startsWith("NS[romeo@hotmail.com@"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).as(e.getFormattedMessage())
                        .containsEntry("user", "romeo@localhost"));
    }

    @Test
    @Order(1)
    void theConfigFileIsFollowedWithoutDroppingSessionsAndABadEditIsRefused() throws Exception {
        XMPPTCPConnection julia = login("julia");
        register(julia, "juliet@hotmail.com", "juliet-pw");
        await().atMost(TIMEOUT).until(() -> msn.isOnline("juliet@hotmail.com"));
        int loginsBefore = logins();

        XMPPTCPConnection carol = login("carol");
        writeConfig("[boss@localhost, carol@localhost]", 60);
        await().atMost(TIMEOUT).until(() ->
                !AdHocCommandManager.getAddHocCommandsManager(carol).discoverCommands(transportJid).getItems().isEmpty());
        assertThat(msn.isOnline("juliet@hotmail.com")).as("julia's session survives the reload").isTrue();
        assertThat(logins()).as("nobody logged in again").isEqualTo(loginsBefore);

        Files.writeString(configFile, Files.readString(configFile).replace("messages-per-minute: 60",
                "messages-per-minute: many"));
        RemoteCommand reload = command(carol, "urn:imbridge:admin#reload-config");
        reload.execute();
        AdHocCommandNote note = reload.getNotes().get(0);
        assertThat(note.getType()).isEqualTo(AdHocCommandNote.Type.error);
        assertThat(note.getValue()).contains("the running configuration stays").contains("limits.messages-per-minute");
        assertThat(AdHocCommandManager.getAddHocCommandsManager(carol).discoverCommands(transportJid).getItems())
                .as("carol is still an admin").isNotEmpty();
        writeConfig("[boss@localhost, carol@localhost]", 60);
    }

    @Test
    @Order(3)
    void removeAUserWhileRunningLogsThemOutAndTellsThem() throws Exception {
        XMPPTCPConnection boss = login("boss2");
        writeConfig("[boss@localhost, boss2@localhost]", 60);
        await().atMost(TIMEOUT).until(() ->
                !AdHocCommandManager.getAddHocCommandsManager(boss).discoverCommands(transportJid).getItems().isEmpty());
        XMPPTCPConnection bob = login("bobby");
        List<Message> bobsMessages = new CopyOnWriteArrayList<>();
        bob.addAsyncStanzaListener((StanzaListener) s -> bobsMessages.add((Message) s), StanzaTypeFilter.MESSAGE);
        register(bob, "bob@hotmail.com", "bob-pw");
        await().atMost(TIMEOUT).until(() -> msn.isOnline("bob@hotmail.com"));

        RemoteCommand remove = command(boss, "http://jabber.org/protocol/admin#delete-user");
        remove.execute();
        FillableForm who = new FillableForm(remove.getForm());
        who.setAnswer("accountjids", List.of(JidCreate.from("Bobby@LocalHost"), JidCreate.from("nobody@localhost")));
        remove.complete(who);

        assertThat(remove.getNotes().get(0).getValue())
                .isEqualTo("Removed: bobby@localhost. Not registered: nobody@localhost.");
        await().atMost(TIMEOUT).until(() -> !msn.isOnline("bob@hotmail.com"));
        await().atMost(TIMEOUT).until(() -> bobsMessages.stream().anyMatch(m -> transportJid.equals(m.getFrom())
                && m.getBody() != null && m.getBody().contains("removed by an administrator")));
        assertThat(transport.gateway().sessions().isRegistered("bobby@localhost").toCompletableFuture()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isFalse();
    }

    private static int logins() {
        return (int) LOGS.list.stream().filter(e -> e.getFormattedMessage().contains("): logged in")).count();
    }

    private static void writeConfig(String admins, int perMinute) throws Exception {
        Path tmp = dir.resolve("transport.yaml.tmp");
        Files.writeString(tmp, """
                component: {jid: %s, host: 127.0.0.1, port: %d, secret: "%s"}
                msn: {host: 127.0.0.1, port: %d}
                storage: {url: "jdbc:h2:file:%s", key-file: "%s"}
                admins: %s
                limits: {messages-per-minute: %d}
                metrics: {port: %d}
                instance: {name: e2e-1}
                """.formatted(prosody.componentDomain(), prosody.componentPort(), prosody.componentSecret(),
                msn.dispatchAddress().getPort(), dir.resolve("store/imbridge"), dir.resolve("store/key"), admins,
                perMinute, metricsPort));
        Files.move(tmp, configFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static XMPPTCPConnection login(String user) throws Exception {
        prosody.registerUser(user, "pw-" + user);
        XMPPTCPConnection client = ProsodyClients.newClient(prosody, user, "pw-" + user);
        Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.manual);
        client.setReplyTimeout(TIMEOUT.toMillis());
        client.addAsyncStanzaListener(s -> {
            Presence p = (Presence) s;
            if (p.getType() == Presence.Type.subscribe) {
                client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(p.getFrom()).build());
                client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(p.getFrom()).build());
            }
        }, StanzaTypeFilter.PRESENCE);
        client.connect().login();
        CLIENTS.add(client);
        return client;
    }

    private static void register(XMPPTCPConnection client, String account, String password) throws Exception {
        Registration set = RegistrationForm.submission(transportJid, account, password);
        client.createStanzaCollectorAndSend(set).nextResultOrThrow(TIMEOUT.toMillis());
    }

    private static RemoteCommand command(XMPPTCPConnection client, String node) {
        return AdHocCommandManager.getAddHocCommandsManager(client).getRemoteCommand(transportJid, node);
    }

    private static String httpGet(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
