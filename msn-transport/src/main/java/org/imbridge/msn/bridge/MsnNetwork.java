package org.imbridge.msn.bridge;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.SessionListener;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * MSN Messenger reached through one dispatch server, all users on one shared {@link MsnClient}; at
 * most {@link #DEFAULT_CONCURRENT_LOGINS} logins run at once (see {@link LoginGate}).
 */
public final class MsnNetwork implements LegacyNetwork {

    /** Logins in flight at once, enough to keep a login storm CPU-bound rather than waiting. */
    public static final int DEFAULT_CONCURRENT_LOGINS = 128;

    private final MsnClient client;
    private final LoginGate logins;
    private final InetSocketAddress dispatch;
    private final ScheduledExecutorService scheduler;

    public MsnNetwork(InetSocketAddress dispatch, MsnClientConfig config) {
        this.client = new MsnClient(config);
        this.dispatch = dispatch;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "msn-bridge-timer");
            t.setDaemon(true);
            return t;
        });
        this.logins = new LoginGate(DEFAULT_CONCURRENT_LOGINS, scheduler);
    }

    @Override
    public String id() {
        return "msn";
    }

    @Override
    public String name() {
        return "MSN Messenger";
    }

    @Override
    public String gatewayType() {
        return "msn";
    }

    @Override
    public boolean isValidAccount(String account) {
        return MsnpNames.isValidHandle(account);
    }

    @Override
    public String addressPrompt() {
        return "MSN account (e-mail address)";
    }

    @Override
    public CompletionStage<Void> verifyCredentials(LegacyCredentials credentials) {
        if (!isValidAccount(credentials.account().value())) {
            return CompletableFuture.failedFuture(MsnFailures.login(new IllegalArgumentException("bad handle")));
        }
        return logins.submit(() -> client.login(credentials.account().value(), credentials.password(), dispatch,
                        new NotificationListener() { }))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(MsnFailures.login(e)))
                .thenCompose(session -> session.logout().exceptionally(e -> null));
    }

    @Override
    public LegacySession openSession(LegacyCredentials credentials, SessionListener listener) {
        return new MsnLegacySession(client, logins, dispatch, credentials, listener, scheduler);
    }

    /** The shared client, for statistics. */
    public MsnClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        scheduler.shutdownNow();
    }
}
