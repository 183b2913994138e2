package org.imbridge.core.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.cluster.SoleInstance;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All bridged users of one legacy network: creates a {@link BridgedUser} when a registered user's
 * first resource comes online, routes the user's actions to it, and ends sessions on unregistration
 * and shutdown. Store look-ups block, so they run on {@code pool}, never on the caller's thread.
 *
 * <p>With several instances ({@link SessionOwnership}), a user another instance takes over is handed
 * over quietly ({@link BridgedUser#handOver}).
 */
public final class SessionManager {

    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

    private final LegacyNetwork network;
    private final RegistrationStore store;
    private final BridgeOutput out;
    private final Executor pool;
    private final ScheduledExecutorService scheduler;
    private final SessionPolicy policy;
    private final SessionOwnership ownership;
    private final Map<String, BridgedUser> users = new ConcurrentHashMap<>();
    /** Registration look-ups, striped by user so that one user's presences stay in order. */
    private final SerialExecutor[] lookups = new SerialExecutor[64];

    /** How long a handed-over session stays open for the conversations already open on it. */
    static final Duration HANDOVER_LINGER = Duration.ofSeconds(30);

    /** The only instance of its deployment. */
    public SessionManager(LegacyNetwork network, RegistrationStore store, BridgeOutput out, Executor pool,
                          ScheduledExecutorService scheduler, SessionPolicy policy) {
        this(network, store, out, pool, scheduler, policy, new SoleInstance("local"));
    }

    /** One of the instances that share {@code ownership}. */
    public SessionManager(LegacyNetwork network, RegistrationStore store, BridgeOutput out, Executor pool,
                          ScheduledExecutorService scheduler, SessionPolicy policy, SessionOwnership ownership) {
        this.ownership = ownership;
        ownership.onLost((userJid, networkId, newOwner) -> {
            if (networkId.equals(network.id())) {
                lost(userJid);
            }
        });
        this.network = network;
        this.store = store;
        this.out = out;
        this.pool = pool;
        this.scheduler = scheduler;
        this.policy = policy;
        for (int i = 0; i < lookups.length; i++) {
            lookups[i] = new SerialExecutor(pool);
        }
    }

    public LegacyNetwork network() {
        return network;
    }

    /**
     * A resource of {@code userJid} is available with {@code presence}. Unregistered users are
     * ignored; the returned stage says whether the user is registered.
     */
    public CompletionStage<Boolean> resourcePresence(String userJid, String resource, Presence presence, int priority) {
        BridgedUser user = users.get(userJid);
        if (user != null) {
            user.resourcePresence(resource, presence, priority);
            return CompletableFuture.completedFuture(true);
        }
        if (!presence.isOnline()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> registered = new CompletableFuture<>();
        lookupExecutor(userJid).execute(() -> {
            try {
                BridgedUser existing = users.get(userJid);
                if (existing == null) {
                    Optional<Registration> registration = store.find(userJid, network.id());
                    if (registration.isEmpty()) {
                        registered.complete(false);
                        return;
                    }
                    existing = users.computeIfAbsent(userJid, jid -> newUser(jid, registration.get()));
                }
                existing.resourcePresence(resource, presence, priority);
                registered.complete(true);
            } catch (RuntimeException e) {
                LOG.error("cannot look up the registration of {}", userJid, e);
                registered.completeExceptionally(e);
            }
        });
        return registered;
    }

    /** Whether {@code userJid} is registered with this network (a store look-up, off the caller's thread). */
    public CompletionStage<Boolean> isRegistered(String userJid) {
        if (users.containsKey(userJid)) {
            return CompletableFuture.completedFuture(true);
        }
        return CompletableFuture.supplyAsync(() -> store.find(userJid, network.id()).isPresent(), pool);
    }

    /** A resource of {@code userJid} went offline. */
    public void resourceGone(String userJid, String resource) {
        BridgedUser user = users.get(userJid);
        if (user != null) {
            user.resourceGone(resource);
        }
    }

    /** The user re-registered with other credentials. */
    public void registrationChanged(Registration registration) {
        BridgedUser user = users.get(registration.userJid());
        if (user != null) {
            user.updateCredentials(credentials(registration));
        }
    }

    /** Another instance took the user's session: let go without a word to the user. */
    public void lost(String userJid) {
        BridgedUser user = users.get(userJid);
        if (user != null) {
            user.handOver(HANDOVER_LINGER);
        }
    }

    /** The user is unregistering: log out and forget them. */
    public CompletionStage<Void> remove(String userJid) {
        BridgedUser user = users.remove(userJid);
        return user == null ? CompletableFuture.completedFuture(null) : user.terminate("Registration removed");
    }

    public Optional<BridgedUser> user(String userJid) {
        return Optional.ofNullable(users.get(userJid));
    }

    /** Users with a live (or reconnecting) session. */
    public Collection<BridgedUser> activeUsers() {
        List<BridgedUser> active = new ArrayList<>();
        for (BridgedUser u : users.values()) {
            if (u.state() != LinkState.OFFLINE) {
                active.add(u);
            }
        }
        return active;
    }

    public CompletionStage<Void> sendMessage(String userJid, LegacyAddress to, String text, boolean confirm) {
        BridgedUser user = users.get(userJid);
        if (user == null) {
            return notConnected(userJid).thenCompose(CompletableFuture::failedFuture);
        }
        return user.sendMessage(to, text, confirm);
    }

    /**
     * Why {@code userJid}, who has no session here, cannot reach the network: not connected (a
     * {@link DeliveryFailure.Kind#SESSION_DOWN}) when registered, {@link DeliveryFailure.Kind#NOT_REGISTERED}
     * otherwise (a store look-up, off the caller's thread).
     */
    public CompletionStage<DeliveryFailure> notConnected(String userJid) {
        return isRegistered(userJid).thenApply(registered -> registered
                ? new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                        "You are not connected to " + network.name() + "; go online first")
                : new DeliveryFailure(DeliveryFailure.Kind.NOT_REGISTERED,
                        "You are not registered with the " + network.name() + " transport"));
    }

    public void sendChatState(String userJid, LegacyAddress to, ChatState state) {
        BridgedUser user = users.get(userJid);
        if (user != null) {
            user.sendChatState(to, state);
        }
    }

    /** Logs every user out (shutdown); completes when all sessions were told. */
    public CompletionStage<Void> shutdown(String why) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (BridgedUser u : users.values()) {
            all.add(u.terminate(why).toCompletableFuture());
        }
        users.clear();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private BridgedUser newUser(String jid, Registration registration) {
        return new BridgedUser(jid, credentials(registration), network, out, pool, scheduler, policy, ownership);
    }

    private static LegacyCredentials credentials(Registration r) {
        return new LegacyCredentials(LegacyAddress.of(r.legacyAccount()), r.legacyPassword());
    }

    private SerialExecutor lookupExecutor(String userJid) {
        return lookups[Math.floorMod(userJid.hashCode(), lookups.length)];
    }
}
