package org.imbridge.msn.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.mina.core.session.IoSession;
import org.imbridge.core.logging.LogContext;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpHashes;
import org.imbridge.msn.protocol.MsnpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a dispatch or notification server, and once {@code USR … OK} has arrived, the
 * logged-in {@link NotificationSession}. {@link LoginProcedure} drives the login; this class keeps
 * the session's state and reacts to the server's commands (docs/msnp.md §2.4).
 */
final class NotificationConnection extends MsnpLink implements NotificationSession {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationConnection.class);
    private static final Set<String> PHONE_KEYS = Set.of("PHH", "PHW", "PHM", "MOB", "MBE");
    /** Commands that, sent on the server's own initiative (TrID 0), change the lists and report a snapshot. */
    private static final Set<String> LIST_CHANGES = Set.of("ADD", "REM", "REA", "ADG", "RMG", "REG", "GTC", "BLP");
    /**
     * List changes the server may make on its own per {@link ServerLimits#window()}: each reports a
     * snapshot of the whole lists, so a flood of them would keep an I/O thread busy.
     */
    static final int MAX_LIST_CHANGES = 600;

    private final String loginHandle;
    private final NotificationListener listener;
    private final ContactListState lists = new ContactListState();
    private final Set<SwitchboardConnection> switchboards = ConcurrentHashMap.newKeySet();
    private volatile boolean loggedIn;
    private volatile boolean established;
    private volatile boolean abandoned;
    private volatile String ownHandle;
    private volatile String friendlyName;
    private volatile MsnStatus status = MsnStatus.FLN;
    private volatile int protocolVersion;
    private volatile LoginProfile profile = LoginProfile.EMPTY;
    private volatile long pingSentAt;
    /** This connection's own ping interval, see {@link #spreadPingInterval}. */
    private final long pingIntervalMillis = spreadPingInterval(config().pingInterval().toMillis(),
            ThreadLocalRandom.current().nextDouble());
    private volatile ScheduledFuture<?> pingTask;
    private final ReferralPolicy referrals;
    private final boolean referred;
    private final RateWindow unlistedPresences;
    private final RateWindow authorizationRequests;
    private final RateWindow invitations;
    private final RateWindow listChanges;
    private final AtomicBoolean flooded = new AtomicBoolean();
    private final AtomicLong unlistedIgnored = new AtomicLong();
    private final AtomicLong challengeFailures = new AtomicLong();

    /**
     * @param referrals the login's referral policy
     * @param referred  true when this connection follows an {@code XFR NS} (so its address is checked)
     */
    NotificationConnection(MsnClient client, String loginHandle, NotificationListener listener, TrIdCounter trIds,
                           LogContext logContext, ReferralPolicy referrals, boolean referred) {
        super(client, trIds, logContext);
        this.referrals = referrals;
        this.referred = referred;
        ServerLimits limits = client.config().serverLimits();
        this.unlistedPresences = new RateWindow(limits.maxUnlistedPresences(), limits.window());
        this.authorizationRequests = new RateWindow(limits.maxAuthorizationRequests(), limits.window());
        this.invitations = new RateWindow(limits.maxInvitations(), limits.window());
        this.listChanges = new RateWindow(MAX_LIST_CHANGES, limits.window());
        this.loginHandle = loginHandle;
        this.ownHandle = loginHandle;
        this.friendlyName = loginHandle;
        this.listener = listener;
    }

    // ---- login steps, called by LoginProcedure ----

    void negotiated(int version) {
        protocolVersion = version;
    }

    /** {@code USR … OK handle friendly}: from now on this is a session. */
    void loggedIn(String handle, String friendly) {
        ownHandle = handle;
        friendlyName = friendly;
        loggedIn = true;
        schedulePingCheck(Duration.ofMillis(pingIntervalMillis));
    }

    /** The lists are in: the login stage is about to complete. */
    void listReady(ContactList list) {
        lists.complete();
        fire(l -> l.onContactListReady(list));
    }

    /** The caller has the session: from now on its end is reported through onDisconnected. */
    void establish() {
        established = true;
    }

    /** Closes a connection the login no longer needs (a referral, a failed or timed-out login), silently. */
    void abandon() {
        abandoned = true;
        closeWith(DisconnectReason.LOGGED_OUT);
    }

    @Override
    ReferralPolicy referralPolicy() {
        return referred ? referrals : null;
    }

    /** The login's referral policy, which this session's switchboards obey too. */
    ReferralPolicy referrals() {
        return referrals;
    }

    /** Presences for handles on none of the lists that were ignored. */
    long unlistedPresencesIgnored() {
        return unlistedIgnored.get();
    }

    /** Presences kept (listed contacts, and before the lists are complete, a bounded number of others). */
    int presencesKept() {
        return lists.presenceCount();
    }

    // ---- NotificationSession ----

    @Override
    public InetAddress localAddress() {
        return ownAddress();
    }

    @Override
    public String ownHandle() {
        return ownHandle;
    }

    @Override
    public String friendlyName() {
        return friendlyName;
    }

    @Override
    public MsnStatus status() {
        return status;
    }

    @Override
    public int protocolVersion() {
        return protocolVersion;
    }

    @Override
    public ContactList contactList() {
        return lists.snapshot();
    }

    @Override
    public LoginProfile profile() {
        return profile;
    }

    @Override
    public boolean isConnected() {
        return loggedIn && !isTerminated() && !isCloseRequested();
    }

    @Override
    public CompletionStage<Void> changeStatus(MsnStatus newStatus) {
        Objects.requireNonNull(newStatus, "status");
        return request(Set.of("CHG"), "CHG", newStatus.name()).thenApply(reply -> null);
    }

    @Override
    public CompletionStage<Void> setFriendlyName(String name) {
        String encoded = encodeName(Objects.requireNonNull(name, "friendlyName"));
        return request(Set.of("REA"), "REA", ownHandle, encoded).thenApply(reply -> null);
    }

    @Override
    public CompletionStage<Void> setPrivacyMode(PrivacyMode mode) {
        Objects.requireNonNull(mode, "mode");
        return request(Set.of("BLP"), "BLP", mode.name()).thenApply(reply -> null);
    }

    @Override
    public CompletionStage<Void> setReverseListPrompt(ReverseListPrompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        return request(Set.of("GTC"), "GTC", prompt.name()).thenApply(reply -> null);
    }

    @Override
    public CompletionStage<ContactList> addContact(ListType list, String handle, String friendly, Integer groupId) {
        checkListRequest(list, handle, groupId);
        String encoded = encodeName(friendly == null ? handle : friendly);
        Object[] params = groupId == null ? new Object[] {list.name(), handle, encoded}
                : new Object[] {list.name(), handle, encoded, groupId};
        return request(Set.of("ADD"), "ADD", params).thenApply(reply -> lists.snapshot());
    }

    @Override
    public CompletionStage<ContactList> removeContact(ListType list, String handle, Integer groupId) {
        checkListRequest(list, handle, groupId);
        Object[] params = groupId == null ? new Object[] {list.name(), handle}
                : new Object[] {list.name(), handle, groupId};
        return request(Set.of("REM"), "REM", params).thenApply(reply -> lists.snapshot());
    }

    @Override
    public CompletionStage<ContactList> addGroup(String name) {
        String encoded = MsnpNames.encode(Objects.requireNonNull(name, "name"));
        if (encoded.isEmpty() || encoded.length() > MsnpNames.MAX_GROUP_NAME_BYTES) {
            throw new IllegalArgumentException("a group name must have 1 to " + MsnpNames.MAX_GROUP_NAME_BYTES
                    + " bytes once encoded; has " + encoded.length());
        }
        return request(Set.of("ADG"), "ADG", encoded, 0).thenApply(reply -> lists.snapshot());
    }

    @Override
    public CompletionStage<SwitchboardSession> openSwitchboard(SwitchboardListener sbListener) {
        Objects.requireNonNull(sbListener, "listener");
        if (!isConnected()) {
            return CompletableFuture.failedFuture(closedException("not connected"));
        }
        if (switchboards.size() >= config().maxSwitchboards()) {
            return CompletableFuture.failedFuture(tooManySwitchboards());
        }
        CompletableFuture<Void> visible = status == MsnStatus.FLN
                ? changeStatus(MsnStatus.NLN).toCompletableFuture() : CompletableFuture.completedFuture(null);
        return visible.thenCompose(v -> request(Set.of("XFR"), "XFR", "SB")).thenCompose(xfr -> {
            if (!"SB".equals(xfr.param(1)) || !"CKI".equals(xfr.param(3)) || xfr.param(4) == null) {
                throw Futures.fail(new MsnProtocolViolationException("unexpected answer to XFR SB: "
                        + WireLog.describe(xfr)));
            }
            InetSocketAddress address;
            try {
                address = ServerAddress.parse(xfr.param(2));
            } catch (MalformedCommandException e) {
                throw Futures.fail(new MsnProtocolViolationException(e.getMessage()));
            }
            return startSwitchboard(sbListener, null).thenCompose(sb -> sb.openAsCaller(address, xfr.param(4)));
        });
    }

    /** Joins the switchboard of an RNG (see {@link SwitchboardInvitation#accept}). */
    CompletionStage<SwitchboardSession> acceptInvitation(InetSocketAddress address, String cookie, String sessionId,
                                                         SwitchboardListener sbListener) {
        Objects.requireNonNull(sbListener, "listener");
        return startSwitchboard(sbListener, sessionId).thenCompose(sb -> sb.openAsInvitee(address, cookie, sessionId));
    }

    private CompletableFuture<SwitchboardConnection> startSwitchboard(SwitchboardListener sbListener, String sessionId) {
        if (!isConnected()) {
            return CompletableFuture.failedFuture(closedException("not connected"));
        }
        SwitchboardConnection sb = new SwitchboardConnection(client, this, sbListener, sessionId);
        synchronized (switchboards) {
            if (switchboards.size() >= config().maxSwitchboards()) {
                return CompletableFuture.failedFuture(tooManySwitchboards());
            }
            switchboards.add(sb);
        }
        return CompletableFuture.completedFuture(sb);
    }

    void switchboardClosed(SwitchboardConnection sb) {
        switchboards.remove(sb);
    }

    @Override
    public CompletionStage<Void> logout() {
        if (!isTerminated() && !isCloseRequested()) {
            for (SwitchboardConnection sb : List.copyOf(switchboards)) {
                sb.close();
            }
            expectClose(DisconnectReason.LOGGED_OUT);
            write(MsnpCommand.of("OUT"));
            closeAfterFlush(DisconnectReason.LOGGED_OUT);
        }
        return closedFuture();
    }

    // ---- inbound ----

    @Override
    boolean handle(MsnpCommand cmd) {
        if (flooded.get()) {
            return true; // the rest of a flood that was already read: dropped, the connection is closing
        }
        if (cmd.trId() == 0 && LIST_CHANGES.contains(cmd.name()) && !listChanges.tryAcquire()) {
            flood("list changes", MAX_LIST_CHANGES);
            return true;
        }
        switch (cmd.name()) {
            case "ILN" -> presence(Params.text(cmd, 1), Params.text(cmd, 2), cmd.param(3));
            case "NLN" -> presence(Params.text(cmd, 0), Params.text(cmd, 1), cmd.param(2));
            case "FLN" -> presence(MsnStatus.FLN.name(), Params.text(cmd, 0), null);
            case "CHG" -> statusChanged(cmd);
            case "ADD" -> added(cmd);
            case "REM" -> removed(cmd);
            case "REA" -> renamed(cmd);
            case "SYN" -> lists.version(Params.number(cmd, 1));
            case "LST" -> listed(cmd);
            case "LSG" -> {
                // LSG TrID version index total id name 0; "LSG TrID version 0 0" when there are none
                if (cmd.paramCount() >= 6) {
                    lists.group(Params.number(cmd, 1), Params.integer(cmd, 4), Params.name(cmd, 5));
                } else {
                    lists.version(Params.number(cmd, 1));
                }
            }
            case "ADG" -> changed(cmd, () -> lists.group(Params.number(cmd, 1), Params.integer(cmd, 3),
                    Params.name(cmd, 2)));
            case "REG" -> changed(cmd, () -> lists.group(Params.number(cmd, 1), Params.integer(cmd, 2),
                    Params.name(cmd, 3)));
            case "RMG" -> changed(cmd, () -> lists.groupRemoved(Params.number(cmd, 1), Params.integer(cmd, 2)));
            case "GTC" -> changed(cmd, () -> lists.reverseListPrompt(Params.number(cmd, 1),
                    known(ReverseListPrompt.fromWire(Params.text(cmd, 2)), cmd)));
            case "BLP" -> changed(cmd, () -> lists.privacyMode(Params.number(cmd, 1),
                    known(PrivacyMode.fromWire(Params.text(cmd, 2)), cmd)));
            case "PRP" -> ownPhone(cmd);
            case "BPR" -> contactPhone(cmd);
            case "CHL" -> answerChallenge(Params.text(cmd, 1));
            case "QNG" -> pingSentAt = 0;
            case "RNG" -> invited(cmd);
            case "MSG" -> notificationMessage(cmd);
            case "NOT", "IPG" -> LOG.debug("{}: ignoring {} alert payload", this, cmd.name());
            case "OUT" -> serverLogout(cmd.param(0));
            case "XFR" -> {
                if (cmd.trId() != 0 || !"NS".equals(cmd.param(1))) {
                    return false;
                }
                LOG.info("{}: the server asks us to move to {}; closing", this, cmd.param(2));
                closeWith(DisconnectReason.TRANSFERRED);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void presence(String statusToken, String handle, String encodedName) {
        MsnStatus contactStatus = MsnStatus.fromWire(statusToken);
        if (contactStatus == null) {
            LOG.debug("{}: ignoring unknown status {} of {}", this, statusToken, handle);
            return;
        }
        if (!lists.isListed(handle)) {
            unlistedIgnored.incrementAndGet();
            if (!unlistedPresences.tryAcquire()) {
                flood("presences for handles on none of the lists", config().serverLimits().maxUnlistedPresences());
                return;
            }
            if (lists.isComplete()) {
                return; // not a contact: not relayed, not stored
            }
        }
        String name = lists.presence(handle, contactStatus, encodedName == null ? null : MsnpNames.decode(encodedName));
        fire(l -> l.onContactPresence(handle, contactStatus, name));
    }

    private void statusChanged(MsnpCommand cmd) {
        MsnStatus newStatus = MsnStatus.fromWire(Params.text(cmd, 1));
        if (newStatus == null) {
            throw new MalformedCommandException("unknown status in " + WireLog.describe(cmd));
        }
        status = newStatus;
        if (cmd.trId() == 0) {
            fire(l -> l.onStatusChanged(newStatus));
        }
    }

    /** {@code ADD TrID list version handle friendly [group]}. */
    private void added(MsnpCommand cmd) {
        ListType list = list(cmd);
        if (cmd.trId() == 0 && list == ListType.RL && !authorizationRequests.tryAcquire()) {
            flood("authorization requests (ADD RL)", config().serverLimits().maxAuthorizationRequests());
            return;
        }
        String handle = Params.text(cmd, 3);
        if (lists.wouldOverflow(handle)) {
            flood("entries on the contact lists", ContactListState.MAX_ENTRIES);
            return;
        }
        String name = Params.nameOr(cmd, 4, handle);
        Integer group = cmd.param(5) == null ? null : Params.integer(cmd, 5);
        lists.added(list, Params.number(cmd, 2), handle, name, group, protocolVersion >= 7 ? 0 : null);
        if (cmd.trId() == 0) {
            if (list == ListType.RL) {
                fire(l -> l.onAddedBy(handle, name));
            }
            fire(l -> l.onContactListChanged(lists.snapshot()));
        }
    }

    /** {@code REM TrID list version handle [group]}. */
    private void removed(MsnpCommand cmd) {
        ListType list = list(cmd);
        String handle = Params.text(cmd, 3);
        Integer group = cmd.param(4) == null ? null : Params.integer(cmd, 4);
        lists.removed(list, Params.number(cmd, 2), handle, group);
        if (cmd.trId() == 0) {
            if (list == ListType.RL) {
                fire(l -> l.onRemovedBy(handle));
            }
            fire(l -> l.onContactListChanged(lists.snapshot()));
        }
    }

    /** {@code REA TrID version handle friendly}. */
    private void renamed(MsnpCommand cmd) {
        long version = Params.number(cmd, 1);
        String handle = Params.text(cmd, 2);
        String name = Params.nameOr(cmd, 3, handle);
        if (handle.equalsIgnoreCase(ownHandle)) {
            friendlyName = name;
            lists.version(version);
        } else {
            lists.renamed(version, handle, name);
            if (cmd.trId() == 0) {
                fire(l -> l.onContactListChanged(lists.snapshot()));
            }
        }
    }

    /** {@code LST TrID list version index total [handle friendly [groups]]}. */
    private void listed(MsnpCommand cmd) {
        ListType list = list(cmd);
        long version = Params.number(cmd, 2);
        if (Params.integer(cmd, 4) == 0 || cmd.param(5) == null) {
            lists.version(version);
            return;
        }
        String handle = Params.text(cmd, 5);
        if (lists.wouldOverflow(handle)) {
            flood("entries on the contact lists", ContactListState.MAX_ENTRIES);
            return;
        }
        lists.listed(list, version, handle, Params.nameOr(cmd, 6, handle), Params.groupIds(cmd, 7));
    }

    /** {@code PRP TrID version key [value]} (Escargot: {@code PRP version key [value]}). */
    private void ownPhone(MsnpCommand cmd) {
        int keyIndex = isPhoneKey(cmd.param(2)) ? 2 : isPhoneKey(cmd.param(1)) ? 1 : -1;
        if (keyIndex < 0) {
            LOG.debug("{}: ignoring PRP with unknown key", this);
            return;
        }
        changed(cmd, () -> lists.ownPhone(Params.number(cmd, keyIndex - 1), cmd.param(keyIndex),
                Params.nameOr(cmd, keyIndex + 1, "")));
    }

    /** {@code BPR version handle key [value]} (Escargot: {@code BPR version key [value]} after the LST line). */
    private void contactPhone(MsnpCommand cmd) {
        long version = Params.number(cmd, 0);
        boolean withoutHandle = isPhoneKey(cmd.param(1));
        String handle = withoutHandle ? lists.lastForwardHandle() : Params.text(cmd, 1);
        int keyIndex = withoutHandle ? 1 : 2;
        if (handle == null || !isPhoneKey(cmd.param(keyIndex))) {
            LOG.debug("{}: ignoring BPR without a known contact or key", this);
            return;
        }
        lists.contactPhone(version, handle, cmd.param(keyIndex), Params.nameOr(cmd, keyIndex + 1, ""));
    }

    /** A parameter the line may not have (null) is no key: {@code Set.of(…).contains(null)} would throw. */
    private static boolean isPhoneKey(String param) {
        return param != null && PHONE_KEYS.contains(param);
    }

    /** Applies a list-setting line and reports it when the server made the change on its own (TrID 0). */
    private void changed(MsnpCommand cmd, Runnable apply) {
        apply.run();
        if (cmd.trId() == 0) {
            fire(l -> l.onContactListChanged(lists.snapshot()));
        }
    }

    private void answerChallenge(String challenge) {
        int max = config().serverLimits().maxPendingChallenges();
        if (pendingCount("QRY") >= max) {
            flood("challenge answers waiting for the server (CHL)", max);
            return;
        }
        byte[] answer = MsnpHashes.challengeResponse(challenge).getBytes(StandardCharsets.US_ASCII);
        transact(Transaction.singleReply("QRY", Set.of("QRY")),
                trId -> MsnpCommand.withPayload("QRY", answer, trId, MsnpHashes.CHALLENGE_CLIENT_ID),
                config().requestTimeout())
                .whenComplete((reply, e) -> {
                    if (e != null && !(Futures.unwrap(e) instanceof MsnConnectionClosedException)
                            && challengeFailures.incrementAndGet() == 1) {
                        // the first one only; onTerminated reports how many in all
                        LOG.warn("{}: challenge answer not accepted: {}", this, Futures.unwrap(e).getMessage());
                    }
                });
    }

    /** {@code RNG sessionId host:port CKI cookie handle friendly}. */
    private void invited(MsnpCommand cmd) {
        if (!invitations.tryAcquire()) {
            flood("switchboard invitations (RNG)", config().serverLimits().maxInvitations());
            return;
        }
        String sessionId = Params.text(cmd, 0);
        InetSocketAddress address = ServerAddress.parse(Params.text(cmd, 1));
        String cookie = Params.text(cmd, 3);
        String inviter = Params.text(cmd, 4);
        SwitchboardInvitation invitation = new SwitchboardInvitation(this, sessionId, address, cookie, inviter,
                Params.nameOr(cmd, 5, inviter));
        LOG.debug("{}: {}", this, invitation);
        fire(l -> l.onInvitation(invitation));
    }

    private void notificationMessage(MsnpCommand cmd) {
        MimeMessage message = cmd.payloadAsMime();
        switch (message.contentType()) {
            case MimeMessage.PROFILE -> {
                profile = LoginProfile.of(message.headers());
                LOG.debug("{}: login profile with {} fields", this, profile.fields().size());
            }
            case MimeMessage.INITIAL_EMAIL -> fire(l -> l.onEmailNotification(NotificationMessages.initialEmail(message)));
            case MimeMessage.NEW_EMAIL -> fire(l -> l.onEmailNotification(NotificationMessages.newMail(message)));
            case MimeMessage.SYSTEM_MESSAGE -> fire(l -> l.onSystemMessage(NotificationMessages.systemMessage(message)));
            default -> LOG.debug("{}: ignoring notification of type {}", this, message.contentType());
        }
    }

    private void serverLogout(String why) {
        DisconnectReason reason;
        if ("OTH".equals(why)) {
            reason = DisconnectReason.LOGGED_IN_ELSEWHERE;
        } else if ("SSD".equals(why)) {
            reason = DisconnectReason.SERVER_SHUTDOWN;
        } else if (why == null && closeReason() == DisconnectReason.LOGGED_OUT) {
            reason = DisconnectReason.LOGGED_OUT;
        } else {
            reason = DisconnectReason.CONNECTION_LOST;
        }
        LOG.info("{}: the server logged us out ({}): {}", this, why == null ? "OUT" : "OUT " + why, reason);
        closeWith(reason);
    }

    /** The server went past a {@link ServerLimits} cap: one log line, and the session closes (to be logged in again). */
    private void flood(String cap, int limit) {
        if (flooded.compareAndSet(false, true)) {
            LOG.warn("{}: the server sent more than the cap of {} {}; closing the session", this, limit,
                    cap + (cap.startsWith("challenge") || cap.startsWith("entries") ? ""
                            : " per " + config().serverLimits().window().toSeconds() + " s"));
        }
        closeWith(DisconnectReason.FLOODED);
    }

    // ---- keepalive ----

    private void schedulePingCheck(Duration delay) {
        pingTask = schedule(this::checkPing, delay);
    }

    /**
     * A connection's ping interval: the configured one less up to a quarter, drawn once per connection.
     * Users who log in together (a storm after a restart) would otherwise ping together, every interval,
     * for as long as they stay idle: a wave of PNG and QNG across every session at once, on our side and
     * on the server's. Different intervals drift apart; never longer than configured.
     *
     * @param configuredMillis the configured interval
     * @param random           uniform in [0, 1)
     */
    static long spreadPingInterval(long configuredMillis, double random) {
        return Math.max(1, configuredMillis - (long) (configuredMillis * 0.25 * random));
    }

    /**
     * Sends PNG after this connection's ping interval without writing; closes the connection when nothing
     * at all has been read for the configured interval after a PNG.
     */
    private void checkPing() {
        IoSession s = session();
        if (s == null || isTerminated() || isCloseRequested()) {
            return;
        }
        long interval = pingIntervalMillis;
        long now = System.currentTimeMillis();
        long sent = pingSentAt;
        if (sent > 0 && s.getLastReadTime() < sent) {
            long answerWithin = config().pingInterval().toMillis();
            if (now - sent >= answerWithin) {
                LOG.info("{}: no answer to PNG within {} ms; closing", this, answerWithin);
                closeWith(DisconnectReason.CONNECTION_LOST);
            } else {
                schedulePingCheck(Duration.ofMillis(sent + answerWithin - now));
            }
            return;
        }
        pingSentAt = 0;
        long idle = now - s.getLastWriteTime();
        if (idle >= interval) {
            pingSentAt = now;
            write(MsnpCommand.of("PNG"));
            schedulePingCheck(Duration.ofMillis(interval));
        } else {
            schedulePingCheck(Duration.ofMillis(interval - idle));
        }
    }

    // ---- end ----

    @Override
    void onTerminated(DisconnectReason reason) {
        if (challengeFailures.get() > 1) {
            LOG.warn("{}: {} challenge answers were not accepted in all", this, challengeFailures.get());
        }
        if (unlistedIgnored.get() > 0) {
            LOG.info("{}: ignored {} presences of handles on none of the lists", this, unlistedIgnored.get());
        }
        ScheduledFuture<?> task = pingTask;
        if (task != null) {
            task.cancel(false);
        }
        for (SwitchboardConnection sb : List.copyOf(switchboards)) {
            sb.close();
        }
        if (established && !abandoned) {
            LOG.info("{}: session ended: {}", this, reason);
            fire(l -> l.onDisconnected(reason));
        }
    }

    // ---- helpers ----

    private void fire(Consumer<NotificationListener> event) {
        if (abandoned) {
            return;
        }
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("{}: notification listener failed", this, e);
        }
    }

    private static ListType list(MsnpCommand cmd) {
        ListType list = ListType.fromWire(Params.text(cmd, 1));
        if (list == null) {
            throw new MalformedCommandException("unknown list in " + WireLog.describe(cmd));
        }
        return list;
    }

    private static <T> T known(T value, MsnpCommand cmd) {
        if (value == null) {
            throw new MalformedCommandException("unknown value in " + WireLog.describe(cmd));
        }
        return value;
    }

    private static void checkListRequest(ListType list, String handle, Integer groupId) {
        Objects.requireNonNull(list, "list");
        if (list == ListType.RL) {
            throw new IllegalArgumentException("the reverse list is maintained by the server");
        }
        if (!MsnpNames.isValidHandle(handle)) {
            throw new IllegalArgumentException("not an MSN account name: " + handle);
        }
        if (groupId != null && (list != ListType.FL || groupId < 0)) {
            throw new IllegalArgumentException("a group id needs the forward list and must not be negative");
        }
    }

    private static String encodeName(String name) {
        String encoded = MsnpNames.encode(name);
        if (encoded.isEmpty() || encoded.length() > MsnpNames.MAX_FRIENDLY_NAME_BYTES) {
            throw new IllegalArgumentException("a friendly name must have 1 to " + MsnpNames.MAX_FRIENDLY_NAME_BYTES
                    + " bytes once encoded; has " + encoded.length());
        }
        return encoded;
    }

    private MsnLimitException tooManySwitchboards() {
        return new MsnLimitException(ownHandle + " already has " + config().maxSwitchboards() + " switchboards open");
    }

    @Override
    public String toString() {
        return (loggedIn ? "NS[" : "login[") + ownHandle + "@" + ServerAddress.format(remote()) + "]";
    }
}
