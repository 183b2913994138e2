package org.imbridge.msn.plugin;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.network.SessionListener;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.ftp.MsnftpConnectors;
import org.imbridge.msn.plugin.files.TransferIo;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * MSN Messenger reached through one dispatch server. Every user's session runs on one shared
 * {@link MsnClient} (one MINA connector); the adapter adds a single timer thread for typing expiry.
 * At most {@link #DEFAULT_CONCURRENT_LOGINS} logins run at once (see {@link LoginGate}).
 *
 * <pre>
 * MsnNetwork msn = new MsnNetwork(new InetSocketAddress("messenger.example.org", 1863),
 *         MsnClientConfig.defaults());
 * LegacySession s = msn.openSession(credentials, listener);
 * s.login(Presence.AVAILABLE);
 * </pre>
 */
public final class MsnNetwork implements LegacyNetwork {

    /** Logins in flight at once, enough to keep a login storm CPU-bound rather than waiting. */
    public static final int DEFAULT_CONCURRENT_LOGINS = 128;

    /** How MSN is named to users: "MSN Messenger", "your MSN contacts", accounts are e-mail addresses. */
    public static final NetworkProfile PROFILE =
            new NetworkProfile("msn", "MSN Messenger", "MSN", "msn", "e-mail address", "name@hotmail.com");

    private final MsnClient client;
    private final LoginGate logins;
    private final InetSocketAddress dispatch;
    private final MsnPluginSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService transferThreads;
    private final TransferIo transferIo;
    private final InetAddress advertised;

    /** A network with the default adapter settings. */
    public MsnNetwork(InetSocketAddress dispatch, MsnClientConfig config) {
        this(dispatch, config, MsnPluginSettings.defaults());
    }

    /**
     * @param dispatch where logins start (a dispatch server, or a notification server directly)
     * @param config   the MSNP client's settings (timeouts, limits, I/O threads)
     * @param settings the adapter's settings (typing, files)
     * @throws IllegalArgumentException when the configured advertised file-transfer host is not an IPv4
     *                                  address and does not resolve to one (resolved here, once)
     */
    public MsnNetwork(InetSocketAddress dispatch, MsnClientConfig config, MsnPluginSettings settings) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.advertised = resolveIpv4(settings.files().advertisedHost());
        this.client = new MsnClient(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "msn-plugin-timer");
            t.setDaemon(true);
            return t;
        });
        this.logins = new LoginGate(DEFAULT_CONCURRENT_LOGINS, scheduler);
        this.transferThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "msn-ftp-accept");
            t.setDaemon(true);
            return t;
        });
        this.transferIo = new TransferIo(transferThreads, client.processorPool(),
                MsnftpConnectors.create(transferThreads, client.processorPool()), scheduler);
    }

    /** The IPv4 address {@code host} names, or {@code null} for none configured. */
    private static InetAddress resolveIpv4(String host) {
        if (host == null) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    return a;
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the file-transfer advertised host " + host + " does not resolve", e);
        }
        throw new IllegalArgumentException("the file-transfer advertised host " + host + " has no IPv4 address");
    }

    @Override
    public NetworkProfile profile() {
        return PROFILE;
    }

    @Override
    public boolean isValidAccount(String account) {
        return account != null && MsnpNames.isValidHandle(account);
    }

    /** Where logins start. */
    public InetSocketAddress dispatch() {
        return dispatch;
    }

    /** Logs in without going online (no CHG, so nobody sees the user) and logs out again. */
    @Override
    public CompletionStage<Void> verifyCredentials(LegacyCredentials credentials) {
        String account = credentials.account().value();
        if (!isValidAccount(account)) {
            return CompletableFuture.failedFuture(MsnFailures.login(new IllegalArgumentException("not an MSN account")));
        }
        return logins.submit(() -> client.login(account, credentials.password(), dispatch, new NotificationListener() { }))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(MsnFailures.login(e)))
                .thenCompose(session -> session.logout().exceptionally(e -> null));
    }

    @Override
    public LegacySession openSession(LegacyCredentials credentials, SessionListener listener) {
        return new MsnLegacySession(client, logins, dispatch, credentials, listener, scheduler, settings, transferIo,
                advertised);
    }

    /** The shared client, for statistics. */
    public MsnClient client() {
        return client;
    }

    /** Logs every session out and stops the threads. */
    @Override
    public void close() {
        client.close();
        transferIo.connector().dispose(false);
        transferThreads.shutdownNow();
        scheduler.shutdownNow();
    }
}
