package org.imbridge.msn.plugin;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    /** A network with the default adapter settings. */
    public MsnNetwork(InetSocketAddress dispatch, MsnClientConfig config) {
        this(dispatch, config, MsnPluginSettings.defaults());
    }

    /**
     * @param dispatch where logins start (a dispatch server, or a notification server directly)
     * @param config   the MSNP client's settings (timeouts, limits, I/O threads)
     * @param settings the adapter's settings (typing)
     */
    public MsnNetwork(InetSocketAddress dispatch, MsnClientConfig config, MsnPluginSettings settings) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new MsnClient(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "msn-plugin-timer");
            t.setDaemon(true);
            return t;
        });
        this.logins = new LoginGate(DEFAULT_CONCURRENT_LOGINS, scheduler);
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
        return new MsnLegacySession(client, logins, dispatch, credentials, listener, scheduler, settings);
    }

    /** The shared client, for statistics. */
    public MsnClient client() {
        return client;
    }

    /** Logs every session out and stops the threads. */
    @Override
    public void close() {
        client.close();
        scheduler.shutdownNow();
    }
}
