package org.imbridge.app.e2e;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportSettings;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.plugin.MsnNetwork;
import org.imbridge.msn.plugin.MsnPluginSettings;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.register.RegistrationForm;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The whole product on loopback: Prosody (or ejabberd), our MSN network, the transport between them,
 * and Smack clients as users. Everything it starts is stopped by {@link #close()}.
 */
final class BridgeHarness implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** How often the transport reads the store's removal log: quickly, so that tests need not wait. */
    static final Duration REMOVAL_POLL = Duration.ofMillis(200);

    /** The Prosody the transport runs on; null when it runs on ejabberd. */
    final PrivateProsody prosody;
    final XmppServer server;
    volatile MsnServer msn;
    private final MsnServerConfig msnConfig;
    final RegistrationStore store;
    volatile Transport transport;
    private volatile MsnNetwork network;
    private final UserAllowlist allowlist;
    private final ComponentConfig.Builder componentConfig;
    final DomainBareJid transportJid;
    private final List<XMPPTCPConnection> clients = new ArrayList<>();
    /** Changes the transport's settings (e.g. files on) before each start. */
    private final UnaryOperator<TransportSettings> adjust;
    /** The MSN plugin's settings (e.g. a short file offer timeout). */
    private final MsnPluginSettings plugin;

    BridgeHarness(PrivateProsody.Builder prosodySettings, List<AccountSpec> accounts, List<String> allow) throws Exception {
        this(prosodySettings, accounts, allow, component -> { });
    }

    /** @param component adjusts the transport's component settings (e.g. a lower max-stanza-bytes) */
    BridgeHarness(PrivateProsody.Builder prosodySettings, List<AccountSpec> accounts, List<String> allow,
                  Consumer<ComponentConfig.Builder> component) throws Exception {
        this(prosodySettings, accounts, allow, component, RegistrationStores.inMemory());
    }

    /** @param store the transport's store (owned: closed with the transport), e.g. one another store shares */
    BridgeHarness(PrivateProsody.Builder prosodySettings, List<AccountSpec> accounts, List<String> allow,
                  Consumer<ComponentConfig.Builder> component, RegistrationStore store) throws Exception {
        this(prosodySettings.start(), accounts, allow, component, store);
    }

    /** The transport on a private ejabberd, which grants it no XEP-0356 privilege. */
    BridgeHarness(PrivateEjabberd.Builder ejabberdSettings, List<AccountSpec> accounts, List<String> allow)
            throws Exception {
        this(XmppServer.of(ejabberdSettings.start()), null, accounts, allow, component -> { },
                RegistrationStores.inMemory(), s -> s, MsnPluginSettings.defaults());
    }

    /**
     * @param settings adjusts the transport's settings (e.g. files on)
     * @param plugin   the MSN plugin's settings (e.g. a short file offer timeout)
     */
    BridgeHarness(XmppServer server, List<AccountSpec> accounts, List<String> allow,
                  UnaryOperator<TransportSettings> settings, MsnPluginSettings plugin) throws Exception {
        this(server, null, accounts, allow, component -> { }, RegistrationStores.inMemory(), settings, plugin);
    }

    private BridgeHarness(PrivateProsody prosody, List<AccountSpec> accounts, List<String> allow,
                          Consumer<ComponentConfig.Builder> component, RegistrationStore store) throws Exception {
        this(XmppServer.of(prosody), prosody, accounts, allow, component, store, s -> s, MsnPluginSettings.defaults());
    }

    private BridgeHarness(XmppServer server, PrivateProsody prosody, List<AccountSpec> accounts, List<String> allow,
                          Consumer<ComponentConfig.Builder> component, RegistrationStore store,
                          UnaryOperator<TransportSettings> adjust, MsnPluginSettings plugin) throws Exception {
        this.adjust = adjust;
        this.plugin = plugin;
        this.server = server;
        this.prosody = prosody;
        MsnServer first = MsnServer.start(MsnServerConfig.builder().accounts(accounts).build());
        msn = first;
        msnConfig = MsnServerConfig.builder().accounts(accounts)
                .dispatchPort(first.dispatchAddress().getPort())
                .notificationPort(first.notificationAddress().getPort())
                .switchboardPort(first.switchboardAddress().getPort())
                .build();
        this.store = store;
        allowlist = new UserAllowlist(allow);
        componentConfig = server.componentConfig();
        component.accept(componentConfig);
        transport = startTransport();
        transportJid = JidCreate.domainBareFrom(server.componentDomain());
    }

    private Transport startTransport() throws Exception {
        network = new MsnNetwork(msn.dispatchAddress(), MsnClientConfig.defaults(), plugin);
        TransportSettings settings = new TransportSettings(componentConfig.build(), network, store,
                () -> allowlist, 64 * 1024,
                new SessionPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 100, Duration.ofSeconds(20)), 4)
                .withRemovalPoll(REMOVAL_POLL);
        settings = adjust.apply(settings);
        return Transport.start(settings, stopped -> { }).toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * The transport dies as with kill -9: its XMPP and MSN sockets drop without a goodbye (no
     * unavailable presences, no OUT), and a new one starts on the same store, XMPP server and MSN network.
     */
    void crashAndRestartTransport() throws Exception {
        transport.halt();
        network.client().abort();
        network.close();
        transport = startTransport();
    }

    /** An account on the XMPP server for {@code user}, logged in; its roster answers nothing by itself. */
    XMPPTCPConnection login(String user, String password) throws Exception {
        server.registerUser(user, password);
        XMPPTCPConnection client = server.newClient(user, password);
        Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.manual);
        client.setReplyTimeout(TIMEOUT.toMillis());
        client.connect().login();
        clients.add(client);
        return client;
    }

    /** Submits the registration form; throws XMPPErrorException on an error reply. */
    IQ register(XMPPTCPConnection client, String account, String password) throws Exception {
        Registration set = RegistrationForm.submission(transportJid, account, password);
        return client.createStanzaCollectorAndSend(set).nextResultOrThrow(TIMEOUT.toMillis());
    }

    IQ unregister(XMPPTCPConnection client) throws Exception {
        Registration remove = new Registration(Map.of("remove", ""));
        remove.setType(IQ.Type.set);
        remove.setTo(transportJid);
        return client.createStanzaCollectorAndSend(remove).nextResultOrThrow(TIMEOUT.toMillis());
    }

    /** Stops our MSN network and starts it again on the same ports (accounts as configured). */
    void restartMsn() throws Exception {
        msn.stop();
        msn = MsnServer.start(msnConfig);
    }

    /** The names of the MSN groups {@code owner} has {@code contact} in. */
    List<String> msnGroups(String owner, String contact) {
        org.imbridge.msnserver.account.Account account = msn.accounts().find(owner);
        return account.entry(org.imbridge.msn.protocol.ListType.FL, contact).groups().stream()
                .map(id -> account.groups().get(id)).toList();
    }

    /** Moves {@code contact} between groups of {@code owner}'s list, as MSN Messenger elsewhere would. */
    void moveOnMsn(String owner, String contact, String from, String to) throws Exception {
        var directory = msn.accounts();
        org.imbridge.msnserver.account.Account account = directory.find(owner);
        directory.addToForwardList(account, directory.find(contact), contact, groupId(account, to));
        directory.removeFromForwardList(account, contact, groupId(account, from));
    }

    private static int groupId(org.imbridge.msnserver.account.Account account, String name) {
        return account.groups().entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow()
                .getKey();
    }

    InetSocketAddress msnDispatch() {
        return msn.dispatchAddress();
    }

    @Override
    public void close() {
        for (XMPPTCPConnection c : clients) {
            c.disconnect();
        }
        if (transport != null) {
            transport.close();
        }
        if (msn != null) {
            msn.stop();
        }
        if (server != null) {
            server.close();
        }
    }
}
