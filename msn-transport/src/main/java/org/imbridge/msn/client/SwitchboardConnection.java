package org.imbridge.msn.client;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpLimits;
import org.imbridge.msn.protocol.MsnpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switchboard connection (docs/msnp.md §7): opened as caller ({@code USR handle cookie}) or invitee
 * ({@code ANS handle cookie sessionId}); then invitations, messages with ACK/NAK tracking, typing, and
 * the queue that holds text until someone is present.
 */
final class SwitchboardConnection extends MsnpLink implements SwitchboardSession {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardConnection.class);

    /**
     * OPENING until USR/ANS OK; READY while the conversation is usable; DESERTED once the last other
     * participant has left, while the server still answers MSGs sent before we read the BYE; CLOSED
     * at the end.
     */
    private enum State { OPENING, READY, DESERTED, CLOSED }

    private record Participant(String handle, String friendlyName) {
    }

    /** One MSG on its way: queued, written, or waiting for its ACK/NAK until {@link #ackDeadline}. */
    private static final class Outgoing {
        final MimeMessage message;
        final AckMode mode;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long trId;
        /** {@link System#nanoTime()} after which a missing ACK/NAK counts as a timeout. */
        long ackDeadline;
        CompletableFuture<Void> written;

        Outgoing(MimeMessage message, AckMode mode) {
            this.message = message;
            this.mode = mode;
        }
    }

    private final NotificationConnection owner;
    private final SwitchboardListener listener;
    private final String ownHandle;
    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> invites = new HashMap<>();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private State state = State.OPENING;
    // end guarded by lock
    private final Map<Long, Outgoing> unacknowledged = new ConcurrentHashMap<>();
    /** Held while a received message is reported, so that the chunk timer and the I/O thread take turns. */
    private final Object deliveries = new Object();
    private final ChunkedMessages chunks = new ChunkedMessages();
    private final NoticeLimiter notices = new NoticeLimiter(Duration.ofMinutes(1));
    private final AtomicBoolean chunkCheckScheduled = new AtomicBoolean();
    private volatile ScheduledFuture<?> chunkCheck;
    /**
     * At most one timer per switchboard checks the ACK deadlines, instead of one timer per MSG: with a
     * timer per message, scheduling and cancelling on the client's shared timer queue (a heap under one
     * lock) was one of the largest costs per message.
     */
    private final AtomicBoolean ackCheckScheduled = new AtomicBoolean();
    private volatile ScheduledFuture<?> ackCheck;
    private volatile String sessionId;
    private volatile long lastActivity = System.nanoTime();
    private volatile ScheduledFuture<?> idleTask;
    private volatile ScheduledFuture<?> goodbyeTimer;

    SwitchboardConnection(MsnClient client, NotificationConnection owner, SwitchboardListener listener,
                          String sessionId) {
        super(client, new TrIdCounter(), owner.logContext);
        this.owner = owner;
        this.listener = listener;
        this.ownHandle = owner.ownHandle();
        this.sessionId = sessionId;
    }

    @Override
    ReferralPolicy referralPolicy() {
        return owner.referrals();
    }

    // ---- opening ----

    /** As caller: {@code USR TrID handle cookie} → {@code USR TrID OK handle friendly}. */
    CompletableFuture<SwitchboardSession> openAsCaller(InetSocketAddress address, String cookie) {
        return opened(connect(address)
                .thenCompose(v -> request(Set.of("USR"), "USR", ownHandle, cookie))
                .thenAccept(usr -> {
                    if (!"OK".equals(usr.param(1))) {
                        throw Futures.fail(new MsnProtocolViolationException(
                                "unexpected switchboard answer to USR: " + WireLog.describe(usr)));
                    }
                }));
    }

    /** As invitee: {@code ANS TrID handle cookie sessionId} → IRO lines → {@code ANS TrID OK}. */
    CompletableFuture<SwitchboardSession> openAsInvitee(InetSocketAddress address, String cookie, String session) {
        return opened(connect(address).thenCompose(v -> transact(new AnswerTransaction(),
                trId -> MsnpCommand.of("ANS", trId, ownHandle, cookie, session), config().requestTimeout())));
    }

    private CompletableFuture<SwitchboardSession> opened(CompletableFuture<Void> handshake) {
        return handshake.handle((v, e) -> {
            if (e == null) {
                List<Outgoing> flushed = List.of();
                synchronized (lock) {
                    if (state == State.OPENING && !isCloseRequested()) {
                        state = State.READY;
                        flushed = flushLocked();
                    }
                    if (state != State.READY) {
                        e = closedException("switchboard closed while opening");
                    }
                }
                flushed.forEach(this::track);
            }
            if (e != null) {
                closeWith(DisconnectReason.CONNECTION_LOST);
                throw Futures.fail(Futures.unwrap(e));
            }
            touch();
            scheduleIdleCheck(config().switchboardIdleTimeout());
            LOG.debug("{}: open", this);
            return this;
        });
    }

    /** The ANS answer: IRO lines (applied in {@link #handle}), then {@code ANS TrID OK}. */
    private static final class AnswerTransaction extends Transaction<Void> {
        AnswerTransaction() {
            super("ANS");
        }

        @Override
        protected Step offer(MsnpCommand reply) {
            if (reply.is("IRO")) {
                return Step.CONTINUE;
            }
            if (reply.is("ANS") && "OK".equals(reply.param(1))) {
                future.complete(null);
                return Step.DONE;
            }
            return Step.IGNORED;
        }
    }

    // ---- SwitchboardSession ----

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public Map<String, String> participants() {
        synchronized (lock) {
            Map<String, String> copy = new LinkedHashMap<>();
            participants.values().forEach(p -> copy.put(p.handle(), p.friendlyName()));
            return Collections.unmodifiableMap(copy);
        }
    }

    @Override
    public boolean isOpen() {
        synchronized (lock) {
            return state == State.READY && !isCloseRequested();
        }
    }

    @Override
    public CompletionStage<Void> invite(String handle) {
        if (!MsnpNames.isValidHandle(handle)) {
            throw new IllegalArgumentException("not an MSN account name: " + handle);
        }
        String key = ContactList.key(handle);
        CompletableFuture<Void> joined;
        synchronized (lock) {
            if (state != State.READY) {
                return CompletableFuture.failedFuture(closedException("switchboard closed"));
            }
            if (participants.containsKey(key)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> existing = invites.get(key);
            if (existing != null) {
                return existing;
            }
            joined = new CompletableFuture<>();
            invites.put(key, joined);
        }
        request(Set.of("CAL"), "CAL", handle).whenComplete((reply, e) -> {
            if (e != null) {
                inviteFailed(key, joined, Futures.unwrap(e));
                return;
            }
            if ("RINGING".equals(reply.param(1)) && reply.param(2) != null) {
                sessionId = reply.param(2);
            }
            Duration limit = config().inviteTimeout();
            ScheduledFuture<?> timer = schedule(() -> inviteFailed(key, joined,
                    new MsnTimeoutException(handle + " did not join within " + limit.toMillis() + " ms")), limit);
            joined.whenComplete((v, x) -> {
                if (timer != null) {
                    timer.cancel(false);
                }
            });
        });
        return joined;
    }

    /** An invitation failed; when nobody is present or still invited, queued text fails with it. */
    private void inviteFailed(String key, CompletableFuture<Void> joined, Throwable cause) {
        List<Outgoing> hopeless = List.of();
        synchronized (lock) {
            if (!invites.remove(key, joined)) {
                return;
            }
            if (participants.isEmpty() && invites.isEmpty() && !queue.isEmpty()) {
                hopeless = new ArrayList<>(queue);
                queue.clear();
            }
        }
        joined.completeExceptionally(cause);
        hopeless.forEach(o -> o.done.completeExceptionally(cause));
    }

    @Override
    public CompletionStage<Void> sendText(String text, AckMode mode) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        return submit(ChatText.messages(text), mode);
    }

    @Override
    public CompletionStage<Void> sendMessage(MimeMessage message, AckMode mode) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(mode, "mode");
        int size = message.toBytes().length;
        if (size > MsnpLimits.SWITCHBOARD_MAX_PAYLOAD) {
            throw new IllegalArgumentException("MSG payload of " + size + " bytes exceeds "
                    + MsnpLimits.SWITCHBOARD_MAX_PAYLOAD);
        }
        return submit(List.of(message), mode);
    }

    @Override
    public CompletionStage<Void> sendNudge() {
        return submit(List.of(MimeMessage.nudge()), AckMode.A);
    }

    @Override
    public CompletionStage<Void> sendTyping() {
        Outgoing typing = new Outgoing(MimeMessage.typing(ownHandle), AckMode.U);
        synchronized (lock) {
            if (!canWriteLocked()) {
                return CompletableFuture.completedFuture(null);
            }
            writeLocked(typing);
        }
        track(typing);
        return typing.done;
    }

    private CompletableFuture<Void> submit(List<MimeMessage> messages, AckMode mode) {
        List<Outgoing> parts = messages.stream().map(m -> new Outgoing(m, mode)).toList();
        boolean written = false;
        synchronized (lock) {
            if (state == State.CLOSED || state == State.DESERTED || isCloseRequested()) {
                return CompletableFuture.failedFuture(closedException("switchboard closed"));
            }
            if (canWriteLocked()) {
                parts.forEach(this::writeLocked);
                written = true;
            } else if (queue.size() + parts.size() > config().maxQueuedMessages()) {
                return CompletableFuture.failedFuture(new MsnLimitException("switchboard queue full ("
                        + config().maxQueuedMessages() + " messages) while waiting for someone to join"));
            } else {
                queue.addAll(parts);
            }
        }
        if (written) {
            parts.forEach(this::track);
        }
        touch();
        return parts.size() == 1 ? parts.get(0).done : Futures.all(parts.stream().map(p -> p.done).toList());
    }

    /** Someone other than us is here and the session is up; the queue is then always empty. */
    private boolean canWriteLocked() {
        return state == State.READY && !participants.isEmpty() && !isCloseRequested();
    }

    /** Writes the queue if someone is present; returns what was written, to {@link #track} outside the lock. */
    private List<Outgoing> flushLocked() {
        if (!canWriteLocked() || queue.isEmpty()) {
            return List.of();
        }
        List<Outgoing> flushed = new ArrayList<>(queue);
        queue.clear();
        flushed.forEach(this::writeLocked);
        return flushed;
    }

    /**
     * Writes one MSG; under the lock so that MSGs go out in the order they were sent or queued. The
     * outcome is handled by {@link #track}, called after the lock is released, so that completing the
     * caller's stage never runs foreign code while the lock is held.
     */
    private void writeLocked(Outgoing out) {
        out.trId = trIds.next();
        if (out.mode != AckMode.U) {
            out.ackDeadline = System.nanoTime() + config().ackTimeout().toNanos();
            unacknowledged.put(out.trId, out);
            scheduleAckCheck(config().ackTimeout());
        }
        out.written = write(MsnpCommand.withPayload("MSG", out.message.toBytes(), out.trId, out.mode.name()));
    }

    private void track(Outgoing out) {
        out.written.whenComplete((v, e) -> {
            if (e != null) {
                unacknowledged.remove(out.trId);
                out.done.completeExceptionally(Futures.unwrap(e));
            } else if (out.mode != AckMode.A) {
                out.done.complete(null);
            }
        });
    }

    private void scheduleAckCheck(Duration delay) {
        if (ackCheckScheduled.compareAndSet(false, true)) {
            ackCheck = schedule(this::checkAcks, delay);
            if (ackCheck == null) {
                ackCheckScheduled.set(false); // the client is closed
            }
        }
    }

    /** Fails the messages whose ACK is overdue; runs again at the next deadline while any wait. */
    private void checkAcks() {
        ackCheckScheduled.set(false);
        long now = System.nanoTime();
        long nextIn = Long.MAX_VALUE;
        for (Outgoing out : unacknowledged.values()) {
            long left = out.ackDeadline - now;
            if (left > 0) {
                nextIn = Math.min(nextIn, left);
            } else if (unacknowledged.remove(out.trId, out) && out.mode == AckMode.A) {
                out.done.completeExceptionally(new MsnTimeoutException(
                        "no ACK for MSG " + out.trId + " within " + config().ackTimeout().toMillis() + " ms"));
            }
        }
        if (nextIn != Long.MAX_VALUE && !isTerminated()) {
            scheduleAckCheck(Duration.ofNanos(nextIn));
        }
    }

    @Override
    public CompletionStage<Void> close() {
        boolean sayGoodbye;
        synchronized (lock) {
            sayGoodbye = (state == State.READY || state == State.DESERTED) && !isCloseRequested();
        }
        if (sayGoodbye) {
            expectClose(DisconnectReason.LOGGED_OUT);
            write(MsnpCommand.of("OUT"));
        }
        closeAfterFlush(DisconnectReason.LOGGED_OUT);
        return closedFuture();
    }

    // ---- inbound ----

    @Override
    boolean handle(MsnpCommand cmd) {
        switch (cmd.name()) {
            case "JOI" -> joined(Params.text(cmd, 0), Params.nameOr(cmd, 1, cmd.param(0)));
            case "IRO" -> present(Params.text(cmd, 3), Params.nameOr(cmd, 4, cmd.param(3)));
            case "BYE" -> left(Params.text(cmd, 0), "1".equals(cmd.param(1)));
            case "MSG" -> received(cmd);
            case "ACK" -> acknowledged(Params.number(cmd, 0));
            case "NAK" -> refused(Params.number(cmd, 0));
            case "OUT" -> closeWith(DisconnectReason.CONNECTION_LOST);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** An IRO line: someone already here when we joined. */
    private void present(String handle, String friendly) {
        if (!handle.equalsIgnoreCase(ownHandle)) {
            synchronized (lock) {
                participants.put(ContactList.key(handle), new Participant(handle, friendly));
            }
        }
    }

    private void joined(String handle, String friendly) {
        if (handle.equalsIgnoreCase(ownHandle)) {
            return; // the draft's self-JOI; IRO already told us who is here
        }
        String key = ContactList.key(handle);
        CompletableFuture<Void> invite;
        List<Outgoing> flushed;
        synchronized (lock) {
            participants.put(key, new Participant(handle, friendly));
            invite = invites.remove(key);
            flushed = flushLocked();
        }
        flushed.forEach(this::track);
        touch();
        fire(l -> l.onParticipantJoined(handle, friendly));
        if (invite != null) {
            invite.complete(null);
        }
    }

    private void left(String handle, boolean idleTimeout) {
        boolean nobodyLeft;
        synchronized (lock) {
            participants.remove(ContactList.key(handle));
            nobodyLeft = participants.isEmpty() && invites.isEmpty() && state == State.READY;
            if (nobodyLeft) {
                state = State.DESERTED;
            }
        }
        fire(l -> l.onParticipantLeft(handle, idleTimeout));
        if (nobodyLeft) {
            leaveDeserted();
        }
    }

    /**
     * The last participant left. A MSG written just before we read the BYE reached a switchboard with
     * nobody else in it, and the server's NAK for it follows the BYE. Closing at once would lose that
     * NAK: a mode-A send would fail as "switchboard closed", a mode-N one would pass for delivered. So
     * while MSGs still await their verdict we say OUT and let the server close the connection: it
     * answers every earlier MSG before it handles the OUT. Bounded by the ack timeout.
     */
    private void leaveDeserted() {
        if (unacknowledged.isEmpty()) {
            LOG.debug("{}: the last participant left; closing", this);
            close();
            return;
        }
        LOG.debug("{}: the last participant left; leaving once the server has answered {} message(s)", this,
                unacknowledged.size());
        expectClose(DisconnectReason.LOGGED_OUT);
        write(MsnpCommand.of("OUT"));
        goodbyeTimer = awaitServerClose(DisconnectReason.LOGGED_OUT, config().ackTimeout());
    }

    private void received(MsnpCommand cmd) {
        String from = Params.text(cmd, 0);
        String friendly = Params.nameOr(cmd, 1, from);
        MimeMessage message = cmd.payloadAsMime();
        touch();
        if (ChunkedMessages.isPart(message)) {
            List<ChunkedMessages.Assembled> ready;
            synchronized (deliveries) {
                ready = chunks.offer(from, friendly, message, System.nanoTime());
                ready.forEach(this::deliver);
            }
            scheduleChunkExpiry();
        } else {
            synchronized (deliveries) {
                deliver(new ChunkedMessages.Assembled(from, friendly, message, null));
            }
        }
    }

    /** Reports one whole message (or one with a note saying what is missing) by what it contains. */
    private void deliver(ChunkedMessages.Assembled m) {
        String from = m.from();
        IncomingContent content = IncomingContent.of(m.message());
        switch (content.category()) {
            case TEXT -> {
                MimeMessage shown = m.isComplete() ? m.message() : withNote(m.message(), m.note());
                fire(l -> l.onMessage(from, m.friendlyName(), shown));
            }
            case TYPING -> fire(l -> l.onTyping(from));
            case NUDGE -> fire(l -> l.onNudge(from));
            case INVITATION -> fire(l -> l.onInvitation(from, m.message()));
            case IGNORED -> LOG.debug("{}: ignoring a {} message from {}", this, content.kind(), from);
            case UNSUPPORTED -> {
                if (notices.tryAcquire(from, content.kind(), System.nanoTime())) {
                    fire(l -> l.onUnsupported(from, content.what()));
                } else {
                    LOG.debug("{}: not repeating the notice of {} from {} within a minute", this, content.kind(), from);
                }
            }
        }
    }

    private static MimeMessage withNote(MimeMessage message, String note) {
        byte[] body = message.body();
        byte[] tail = ("\r\n" + note).getBytes(StandardCharsets.US_ASCII);
        byte[] both = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, both, body.length, tail.length);
        return MimeMessage.of(message.headers(), both);
    }

    private void scheduleChunkExpiry() {
        long deadline = chunks.nextDeadline();
        if (deadline != -1 && chunkCheckScheduled.compareAndSet(false, true)) {
            chunkCheck = schedule(this::expireChunks, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (chunkCheck == null) {
                chunkCheckScheduled.set(false); // the client is closed
            }
        }
    }

    /** Delivers the chunked messages whose missing parts did not come in time; runs again while others wait. */
    private void expireChunks() {
        chunkCheckScheduled.set(false);
        synchronized (deliveries) {
            chunks.expire(System.nanoTime()).forEach(this::deliver);
        }
        if (!isTerminated()) {
            scheduleChunkExpiry();
        }
    }

    private void acknowledged(long trId) {
        Outgoing out = unacknowledged.remove(trId);
        if (out != null) {
            out.done.complete(null);
        }
    }

    private void refused(long trId) {
        Outgoing out = unacknowledged.remove(trId);
        if (out == null) {
            LOG.debug("{}: NAK {} for no waiting message", this, trId);
            return;
        }
        if (out.mode == AckMode.A) {
            out.done.completeExceptionally(new MsnDeliveryException(trId));
        } else {
            fire(l -> l.onDeliveryFailed(out.message));
        }
    }

    // ---- idle timeout ----

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private void scheduleIdleCheck(Duration delay) {
        idleTask = schedule(this::checkIdle, delay);
    }

    private void checkIdle() {
        if (!isOpen()) {
            return;
        }
        long limit = config().switchboardIdleTimeout().toNanos();
        long idle = System.nanoTime() - lastActivity;
        if (idle >= limit) {
            LOG.debug("{}: idle for {} ms; closing", this, idle / 1_000_000);
            fire(l -> l.onIdleTimeout(config().switchboardIdleTimeout()));
            close();
        } else {
            scheduleIdleCheck(Duration.ofNanos(limit - idle));
        }
    }

    // ---- end ----

    @Override
    void onTerminated(DisconnectReason reason) {
        boolean wasReady;
        List<Outgoing> unsent;
        List<CompletableFuture<Void>> waitingInvites;
        synchronized (lock) {
            wasReady = state == State.READY || state == State.DESERTED;
            state = State.CLOSED;
            unsent = new ArrayList<>(queue);
            queue.clear();
            waitingInvites = new ArrayList<>(invites.values());
            invites.clear();
        }
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {idleTask, goodbyeTimer, chunkCheck}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        owner.switchboardClosed(this);
        MsnConnectionClosedException cause = closedException("switchboard closed");
        ScheduledFuture<?> check = ackCheck;
        if (check != null) {
            check.cancel(false);
        }
        for (Outgoing out : unacknowledged.values()) {
            out.done.completeExceptionally(cause);
        }
        unacknowledged.clear();
        unsent.forEach(o -> o.done.completeExceptionally(cause));
        waitingInvites.forEach(f -> f.completeExceptionally(cause));
        synchronized (deliveries) {
            chunks.drain().forEach(this::deliver); // what arrived of unfinished messages is not lost
        }
        if (wasReady) {
            LOG.debug("{}: closed", this);
            fire(SwitchboardListener::onClosed);
        }
    }

    private void fire(Consumer<SwitchboardListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("{}: switchboard listener failed", this, e);
        }
    }

    @Override
    public String toString() {
        return "SB[" + ownHandle + "#" + (sessionId == null ? "?" : sessionId) + "@" + ServerAddress.format(remote()) + "]";
    }
}
