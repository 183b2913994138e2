package org.imbridge.core.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.network.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered user bridged to a legacy network. Every state change runs on the user's
 * {@link SerialExecutor}, so fields need no locks; the contact map is concurrent only so that
 * {@link #contact} may be read from other threads (presence probes).
 *
 * <p>Rules: the first online resource logs in, the last one going offline logs out; resources'
 * presences are combined ({@link ResourceSet}); a lost connection is retried with jittered backoff
 * unless the network says retrying is pointless (wrong password, logged in elsewhere); messages sent
 * while (re)connecting wait in a bounded queue and are sent in order once online, or failed with a
 * {@link DeliveryFailure} — never dropped.
 *
 * <p>With several transport instances ({@link SessionOwnership}) the user's session is claimed before
 * each login from offline, and released when it ends. A login refused because another instance took the
 * user moments ago leaves the user offline here. When another instance takes the user over — it says so,
 * or the network logs this session out because that instance logged the user in — the session is
 * {@linkplain #handOver() handed over}: nothing is said to the user (their contacts stay online in their
 * client, the new owner's login confirms them), and conversations already open on the old session still
 * reach the user until it is closed a little later. A login that took the user over from another instance
 * is quiet too: no "connecting" state, and contacts still offline a moment after the login are said to be
 * offline, since the old owner may have shown them online.
 */
public final class BridgedUser {

    private static final Logger LOG = LoggerFactory.getLogger(BridgedUser.class);

    /** How long after a take-over login contacts not seen online are said to be offline. */
    static final Duration TAKEOVER_SETTLE = Duration.ofSeconds(5);

    private final String userJid;
    private final LegacyNetwork network;
    private final BridgeOutput out;
    private final SerialExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final SessionPolicy policy;
    private final SessionOwnership ownership;
    private final Backoff backoff;
    private final ResourceSet resources = new ResourceSet();
    /** The names in {@link #resources}, for readers on other threads. */
    private volatile Set<String> resourceNames = Set.of();
    private final Map<LegacyAddress, Contact> contacts = new ConcurrentHashMap<>();
    private final ArrayDeque<PendingMessage> queue = new ArrayDeque<>();
    /** List changes asked for while (re)connecting; run once online. */
    private final ArrayDeque<WaitingOp> waitingOps = new ArrayDeque<>();

    private LegacyCredentials credentials;
    private volatile LinkState state = LinkState.OFFLINE;
    private LegacySession session;
    private int generation;
    private Presence sentPresence;
    private ScheduledFuture<?> reconnect;
    /** The next login takes the user over from another instance: say nothing until it is online. */
    private boolean takingOver;
    /** The attempt whose session was handed over: its conversation events still reach the user. */
    private int lingering = -1;

    BridgedUser(String userJid, LegacyCredentials credentials, LegacyNetwork network, BridgeOutput out,
                Executor pool, ScheduledExecutorService scheduler, SessionPolicy policy, SessionOwnership ownership) {
        this.userJid = userJid;
        this.credentials = credentials;
        this.network = network;
        this.out = out;
        this.executor = new SerialExecutor(pool);
        this.scheduler = scheduler;
        this.policy = policy;
        this.ownership = ownership;
        this.backoff = new Backoff(policy.reconnectMin(), policy.reconnectMax());
    }

    public String userJid() {
        return userJid;
    }

    public LinkState state() {
        return state;
    }

    /** What we know of a contact, for answering presence probes; read from any thread. */
    public Optional<Contact> contact(LegacyAddress address) {
        return Optional.ofNullable(contacts.get(address));
    }

    public Collection<Contact> contacts() {
        return List.copyOf(contacts.values());
    }

    /** The user's online resources (their names, {@code ""} for none); read from any thread. */
    public Set<String> resources() {
        return resourceNames;
    }

    /** A resource came online or changed its presence. */
    public void resourcePresence(String resource, Presence presence, int priority) {
        executor.execute(() -> {
            resources.update(resource, presence, priority);
            resourceNames = Set.copyOf(resources.names());
            if (resources.isEmpty()) {
                goOffline("You went offline");
                return;
            }
            switch (state) {
                case OFFLINE, STOPPED -> {
                    if (claim()) {
                        connect();
                    }
                }
                case ONLINE -> pushPresence();
                default -> { }
            }
        });
    }

    /** A resource went offline. */
    public void resourceGone(String resource) {
        executor.execute(() -> {
            resources.remove(resource);
            resourceNames = Set.copyOf(resources.names());
            if (resources.isEmpty()) {
                goOffline("You went offline");
            } else if (state == LinkState.ONLINE) {
                pushPresence();
            }
        });
    }

    /** New credentials (re-registration): log in again with them if online. */
    public void updateCredentials(LegacyCredentials newCredentials) {
        executor.execute(() -> {
            if (newCredentials.equals(credentials)) {
                return;
            }
            credentials = newCredentials;
            if (state != LinkState.OFFLINE) {
                closeSession();
                connect();
            }
        });
    }

    /** Logs out for good (unregistering, shutdown). */
    public CompletionStage<Void> terminate(String why) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> {
            resources.clear();
            resourceNames = Set.of();
            goOffline(why);
            done.complete(null);
        });
        return done;
    }

    /**
     * Another instance took the user over: let go without a word to the user. The old session stays
     * open for {@code linger} (unless the network closes it first) so that messages of conversations
     * already open on it still reach the user; then it is logged out.
     */
    public void handOver(Duration linger) {
        executor.execute(() -> handOverNow(linger));
    }

    public CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        // Forwarding never blocks, so an idle user's message goes out on the caller's thread.
        executor.runNowOrQueue(() -> {
            switch (state) {
                case ONLINE -> forward(new PendingMessage(to, text, confirm, result, 0));
                case CONNECTING, WAITING_TO_RECONNECT -> enqueue(new PendingMessage(to, text, confirm, result,
                        System.nanoTime() + policy.queuedMessageTtl().toNanos()));
                default -> result.completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                        "You are not connected to " + network.name() + "; go online first"));
            }
        });
        return result;
    }

    public void sendChatState(LegacyAddress to, ChatState chatState) {
        executor.runNowOrQueue(() -> {
            if (state == LinkState.ONLINE) {
                session.sendChatState(to, chatState);
            }
        });
    }

    public CompletionStage<Void> addContact(LegacyAddress contact, String name, String group) {
        return whenOnline(s -> s.addContact(contact, name, group));
    }

    public CompletionStage<Void> removeContact(LegacyAddress contact) {
        return whenOnline(s -> s.removeContact(contact));
    }

    public CompletionStage<Void> authorize(LegacyAddress contact, boolean allow) {
        return whenOnline(s -> s.authorize(contact, allow));
    }

    /** Asks for {@code to}'s attention (a nudge); queued like a message while (re)connecting. */
    public CompletionStage<Void> sendAttention(LegacyAddress to) {
        return whenOnline(s -> s.sendAttention(to));
    }

    /**
     * Accepts a contact's file offer into {@code destination}; queued like a message while the login
     * that the offer came in on is still being finished.
     */
    public CompletionStage<Long> acceptFile(String offerId, java.nio.file.Path destination) {
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        return whenOnline(s -> s.acceptFile(offerId, destination).thenAccept(received::set))
                .thenApply(v -> received.get());
    }

    /** Declines a contact's file offer; queued like {@link #acceptFile}. */
    public void declineFile(String offerId, org.imbridge.core.files.TransferFailure.Reason why) {
        whenOnline(s -> {
            s.declineFile(offerId, why);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
    }

    /** Offers {@code file} to {@code to}; queued like a message while (re)connecting. */
    public CompletionStage<Void> sendFile(LegacyAddress to, org.imbridge.core.files.OutgoingFile file) {
        return whenOnline(s -> s.sendFile(to, file));
    }

    /** The accounts the user blocked on the network. Online only. */
    public CompletionStage<Set<LegacyAddress>> blockList() {
        return onlineNow(LegacySession::blockList);
    }

    /** Blocks {@code contact}; queued while (re)connecting. */
    public CompletionStage<Void> block(LegacyAddress contact) {
        return whenOnline(s -> s.block(contact));
    }

    /** Unblocks {@code contact}; queued while (re)connecting. */
    public CompletionStage<Void> unblock(LegacyAddress contact) {
        return whenOnline(s -> s.unblock(contact));
    }

    /** Puts {@code contact} in exactly {@code groups} on the network; queued while (re)connecting. */
    public CompletionStage<Void> setContactGroups(LegacyAddress contact, Set<String> groups) {
        return whenOnline(s -> s.setContactGroups(contact, groups));
    }

    /** What the network tells about {@code contact}. Online only. */
    public CompletionStage<ContactCard> contactCard(LegacyAddress contact) {
        return onlineNow(s -> s.contactCard(contact));
    }

    /** The user's own name and privacy settings on the network. Online only. */
    public CompletionStage<AccountSettings> settings() {
        return onlineNow(LegacySession::settings);
    }

    /** Changes the user's own name and privacy settings; queued while (re)connecting. */
    public CompletionStage<Void> changeSettings(AccountSettings settings) {
        return whenOnline(s -> s.changeSettings(settings));
    }

    /** Opens a group conversation with {@code first}; completes with its group id. Online only. */
    public CompletionStage<String> openGroupChat(LegacyAddress first) {
        return onlineNow(s -> s.openGroupChat(first));
    }

    public CompletionStage<Void> inviteToGroupChat(String groupId, LegacyAddress contact) {
        return onlineNow(s -> s.inviteToGroupChat(groupId, contact));
    }

    public CompletionStage<Void> sendGroupMessage(String groupId, String text) {
        return onlineNow(s -> s.sendGroupMessage(groupId, text));
    }

    public void sendGroupChatState(String groupId, ChatState chatState) {
        executor.runNowOrQueue(() -> {
            if (state == LinkState.ONLINE) {
                session.sendGroupChatState(groupId, chatState);
            }
        });
    }

    public void leaveGroupChat(String groupId) {
        executor.runNowOrQueue(() -> {
            if (state == LinkState.ONLINE) {
                session.leaveGroupChat(groupId);
            }
        });
    }

    /**
     * Runs {@code op} if online and fails it otherwise: a group conversation lives on one connection,
     * so what is meant for it cannot wait for the next one.
     */
    private <T> CompletionStage<T> onlineNow(Function<LegacySession, CompletionStage<T>> op) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.runNowOrQueue(() -> {
            if (state == LinkState.ONLINE) {
                op.apply(session).whenComplete((v, e) -> complete(result, v, e));
            } else {
                result.completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                        "You are not connected to " + network.name() + "; go online first"));
            }
        });
        return result;
    }

    /** Runs {@code op} now if online, once online if (re)connecting, and fails it otherwise. */
    private CompletionStage<Void> whenOnline(Function<LegacySession, CompletionStage<Void>> op) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        executor.execute(() -> {
            switch (state) {
                case ONLINE -> op.apply(session).whenComplete((v, e) -> complete(result, v, e));
                case CONNECTING, WAITING_TO_RECONNECT -> {
                    if (waitingOps.size() >= policy.maxQueuedMessages()) {
                        result.completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                                "Too many requests waiting for the connection to " + network.name()));
                    } else {
                        waitingOps.add(new WaitingOp(op, result));
                    }
                }
                default -> result.completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                        "Not connected to " + network.name()));
            }
        });
        return result;
    }

    private record WaitingOp(Function<LegacySession, CompletionStage<Void>> op, CompletableFuture<Void> result) {
    }

    // ---- the state machine ------------------------------------------------------------------

    /** Makes this instance the user's owner; false when another instance keeps the user for now. */
    private boolean claim() {
        Claim claim;
        try {
            claim = ownership.claim(userJid, network.id());
        } catch (RuntimeException e) {
            // the shared store is unreachable: serving the user beats leaving them offline
            LOG.warn("{}: cannot claim the session ({}); logging in anyway", userJid, e.toString());
            return true;
        }
        switch (claim.outcome()) {
            case HELD_ELSEWHERE -> {
                LOG.info("{}: instance {} took this user moments ago; not logging in here", userJid,
                        claim.previousOwner().orElse("?"));
                out.sessionElsewhere(userJid);
                return false;
            }
            case TAKEN_OVER -> {
                LOG.info("{}: taking the user over from instance {}", userJid, claim.previousOwner().orElse("?"));
                takingOver = true;
            }
            default -> takingOver = false;
        }
        return true;
    }

    private void release() {
        try {
            ownership.release(userJid, network.id());
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot release the session's claim: {}", userJid, e.toString());
        }
    }

    private void handOverNow(Duration linger) {
        if (state == LinkState.OFFLINE) {
            return;
        }
        LOG.info("{}: another instance took the user over; letting go", userJid);
        LegacySession old = session;
        session = null;
        int oldAttempt = generation;
        lingering = old == null ? -1 : oldAttempt;
        generation++;
        cancelReconnect();
        backoff.reset();
        failQueue(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                "Your " + network.name() + " session moved to another transport instance; send it again"));
        contacts.clear();
        resources.clear();
        resourceNames = Set.of();
        sentPresence = null;
        state = LinkState.OFFLINE;
        if (old != null) {
            scheduler.schedule(() -> executor.execute(() -> {
                if (lingering == oldAttempt) {
                    lingering = -1;
                }
                old.logout();
            }), linger.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connect() {
        cancelReconnect();
        int attempt = ++generation;
        if (takingOver) {
            state = LinkState.CONNECTING;
        } else {
            setState(LinkState.CONNECTING, "Connecting to " + network.name() + "…");
        }
        session = network.openSession(credentials, new Listener(attempt));
        Presence initial = resources.combined().orElse(Presence.AVAILABLE);
        sentPresence = initial;
        session.login(initial).whenComplete((v, failure) -> executor.execute(() -> {
            if (attempt != generation) {
                return;
            }
            if (failure == null) {
                backoff.reset();
                if (takingOver) {
                    takingOver = false;
                    scheduler.schedule(() -> executor.execute(() -> sayWhoIsOffline(attempt)),
                            TAKEOVER_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
                }
                setState(LinkState.ONLINE, "Connected to " + network.name());
                flushQueue();
                pushPresence();
            } else {
                takingOver = false;
                loginFailed(unwrap(failure));
            }
        }));
    }

    /**
     * After a take-over: the old owner may have shown contacts online that went offline meanwhile.
     * Contacts' presences arrive one by one after the login with no end marker, so this waits a
     * moment rather than saying "offline" to a contact whose presence is still on its way.
     */
    private void sayWhoIsOffline(int attempt) {
        if (attempt != generation || state != LinkState.ONLINE) {
            return;
        }
        contacts.values().stream().filter(c -> !c.presence().isOnline())
                .forEach(c -> out.contactPresence(userJid, c.address(), Presence.UNAVAILABLE));
    }

    private void loginFailed(Throwable failure) {
        if (failure instanceof LoginFailure login && login.kind() == LoginFailure.Kind.BAD_CREDENTIALS) {
            LOG.warn("{}: {} refused the login of {} ({}); not retrying until the user registers again",
                    userJid, network.name(), credentials.account(), login.getMessage());
            stop(DisconnectReason.BAD_CREDENTIALS.userText() + ": " + login.getMessage()
                    + ". Register again with the right password.");
            return;
        }
        LOG.info("{}: login of {} to {} failed, will retry: {}", userJid, credentials.account(), network.name(),
                failure.getMessage());
        scheduleReconnect(failure.getMessage() == null ? "Cannot log in" : failure.getMessage());
    }

    private void disconnected(DisconnectReason reason) {
        if (reason == DisconnectReason.LOGGED_IN_ELSEWHERE && movedToAnotherInstance()) {
            session = null; // the network closed it
            handOverNow(Duration.ZERO);
            return;
        }
        takingOver = false;
        markContactsOffline();
        if (resources.isEmpty()) {
            goOffline(reason.userText());
        } else if (reason.shouldReconnect()) {
            scheduleReconnect(reason.userText());
        } else {
            stop(reason.userText());
        }
    }

    private boolean movedToAnotherInstance() {
        try {
            return ownership.ownedElsewhere(userJid, network.id());
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot tell whether another instance took the user: {}", userJid, e.toString());
            return false;
        }
    }

    private void scheduleReconnect(String why) {
        closeSession();
        Duration delay = backoff.next();
        setState(LinkState.WAITING_TO_RECONNECT, why + "; retrying in " + Math.max(1, delay.toSeconds()) + " s");
        reconnect = scheduler.schedule(() -> executor.execute(() -> {
            if (state == LinkState.WAITING_TO_RECONNECT) {
                connect();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stop(String why) {
        closeSession();
        cancelReconnect();
        failQueue(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, why));
        setState(LinkState.STOPPED, why);
        release();
    }

    private void goOffline(String why) {
        if (state == LinkState.OFFLINE) {
            return;
        }
        closeSession();
        cancelReconnect();
        backoff.reset();
        failQueue(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, why));
        markContactsOffline();
        setState(LinkState.OFFLINE, why);
        release();
    }

    private void closeSession() {
        generation++;
        if (session != null) {
            LegacySession old = session;
            session = null;
            old.logout();
        }
    }

    private void cancelReconnect() {
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    private void setState(LinkState newState, String text) {
        state = newState;
        out.linkState(userJid, newState, text);
    }

    private void pushPresence() {
        Optional<Presence> combined = resources.combined();
        if (combined.isPresent() && !combined.get().equals(sentPresence) && session != null) {
            sentPresence = combined.get();
            session.setPresence(combined.get());
        }
    }

    private void markContactsOffline() {
        for (Contact c : contacts.values()) {
            if (c.presence().isOnline()) {
                contacts.put(c.address(), c.withPresence(Presence.UNAVAILABLE));
                out.contactPresence(userJid, c.address(), Presence.UNAVAILABLE);
            }
        }
    }

    // ---- outbound queue ---------------------------------------------------------------------

    /** A message waiting for the session; {@code deadline} in {@link System#nanoTime()} terms. */
    private record PendingMessage(LegacyAddress to, String text, boolean confirm, CompletableFuture<Void> result,
                                  long deadline) {
    }

    private void enqueue(PendingMessage message) {
        if (queue.size() >= policy.maxQueuedMessages()) {
            message.result().completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                    "Too many messages waiting for the connection to " + network.name()));
            return;
        }
        queue.add(message);
        scheduler.schedule(() -> executor.execute(this::expireQueue),
                policy.queuedMessageTtl().toMillis() + 1, TimeUnit.MILLISECONDS);
    }

    private void flushQueue() {
        while (!queue.isEmpty()) {
            forward(queue.poll());
        }
        while (!waitingOps.isEmpty()) {
            WaitingOp w = waitingOps.poll();
            w.op().apply(session).whenComplete((v, e) -> complete(w.result(), v, e));
        }
    }

    private void expireQueue() {
        long now = System.nanoTime();
        queue.removeIf(m -> {
            if (now - m.deadline() >= 0) {
                m.result().completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.TIMEOUT,
                        "Could not reconnect to " + network.name() + " in time; message not sent"));
                return true;
            }
            return false;
        });
    }

    private void failQueue(DeliveryFailure failure) {
        while (!queue.isEmpty()) {
            queue.poll().result().completeExceptionally(failure);
        }
        while (!waitingOps.isEmpty()) {
            waitingOps.poll().result().completeExceptionally(failure);
        }
    }

    private void forward(PendingMessage m) {
        session.sendMessage(m.to(), m.text(), m.confirm()).whenComplete((v, e) -> complete(m.result(), v, e));
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(unwrap(failure));
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    // ---- events of one session attempt ------------------------------------------------------

    /** Forwards a session's events onto the user's executor, dropping those of replaced sessions. */
    private final class Listener implements SessionListener {

        private final int attempt;

        Listener(int attempt) {
            this.attempt = attempt;
        }

        private void run(Runnable r) {
            executor.execute(() -> {
                if (attempt == generation) {
                    r.run();
                }
            });
        }

        /** As {@link #run}, but on the network's thread when the user is idle: for output that never blocks. */
        private void runNow(Runnable r) {
            executor.runNowOrQueue(() -> {
                if (attempt == generation || attempt == lingering) {
                    r.run();
                }
            });
        }

        @Override
        public void onDisconnected(DisconnectReason reason) {
            executor.execute(() -> {
                if (attempt == generation) {
                    disconnected(reason);
                } else if (attempt == lingering) {
                    lingering = -1;
                }
            });
        }

        @Override
        public void onContactList(Collection<Contact> list) {
            run(() -> {
                contacts.clear();
                list.forEach(c -> contacts.put(c.address(), c));
                out.contactList(userJid, List.copyOf(list));
            });
        }

        @Override
        public void onContactUpdated(Contact contact) {
            run(() -> {
                Contact known = contacts.get(contact.address());
                Contact merged = known == null ? contact : contact.withPresence(known.presence());
                contacts.put(contact.address(), merged);
                out.contactUpdated(userJid, merged);
            });
        }

        @Override
        public void onContactRemoved(LegacyAddress contact) {
            run(() -> {
                contacts.remove(contact);
                out.contactRemoved(userJid, contact);
            });
        }

        @Override
        public void onContactPresence(LegacyAddress contact, Presence presence) {
            run(() -> {
                contacts.computeIfPresent(contact, (k, c) -> c.withPresence(presence));
                out.contactPresence(userJid, contact, presence);
            });
        }

        @Override
        public void onMessage(LegacyAddress from, String text, String threadId) {
            runNow(() -> out.message(userJid, from, text, threadId));
        }

        @Override
        public void onChatState(LegacyAddress from, ChatState chatState) {
            runNow(() -> out.chatState(userJid, from, chatState));
        }

        @Override
        public void onAuthorizationRequest(LegacyAddress from, String displayName) {
            run(() -> out.authorizationRequest(userJid, from, displayName));
        }

        @Override
        public void onNotice(String text) {
            run(() -> out.notice(userJid, text));
        }

        @Override
        public void onAttention(LegacyAddress from) {
            runNow(() -> out.attention(userJid, from));
        }

        @Override
        public void onBlockListChanged(LegacyAddress contact, boolean blocked) {
            run(() -> out.blockListChanged(userJid, contact, blocked));
        }

        @Override
        public void onUnsupportedContent(LegacyAddress from, String what) {
            runNow(() -> out.unsupportedContent(userJid, from, what));
        }

        @Override
        public void onFileOffer(org.imbridge.core.files.IncomingFile offer) {
            runNow(() -> out.fileOffer(userJid, offer));
        }

        @Override
        public void onGroupChatStarted(String groupId, List<Participant> participants) {
            List<Participant> copy = List.copyOf(participants);
            runNow(() -> out.groupChatStarted(userJid, groupId, copy));
        }

        @Override
        public void onGroupParticipantJoined(String groupId, Participant participant) {
            runNow(() -> out.groupParticipantJoined(userJid, groupId, participant));
        }

        @Override
        public void onGroupParticipantLeft(String groupId, LegacyAddress participant, boolean idle) {
            runNow(() -> out.groupParticipantLeft(userJid, groupId, participant, idle));
        }

        @Override
        public void onGroupMessage(String groupId, LegacyAddress from, String text) {
            runNow(() -> out.groupMessage(userJid, groupId, from, text));
        }

        @Override
        public void onGroupChatState(String groupId, LegacyAddress from, ChatState chatState) {
            runNow(() -> out.groupChatState(userJid, groupId, from, chatState));
        }

        @Override
        public void onGroupChatEnded(String groupId, String reason) {
            runNow(() -> out.groupChatEnded(userJid, groupId, reason));
        }
    }
}
