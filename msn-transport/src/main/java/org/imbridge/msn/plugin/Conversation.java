package org.imbridge.msn.plugin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;

/**
 * One switchboard conversation (docs/msnp.md §7): opened by us for one contact ({@code XFR SB},
 * {@code CAL}), with the user's text held in order until the contact has joined; joined on a contact's
 * invitation; or opened by us as a group conversation ({@link #openGroup}).
 *
 * <p>A one-to-one conversation becomes a group as soon as anybody but its contact is in it (a JOI, or
 * the IRO lines when the user was invited into a conversation of several). It then gets a group id,
 * reports {@link Owner#groupStarted} once, and from then on everything as group events; it takes no
 * more one-to-one text, so that words meant for one contact are not read by others. It stays a group
 * until the switchboard closes, even with a single contact left (docs/msnp.md §14).
 *
 * <p>Thread-safe: guarded by its own lock, which is never held while a caller's stage completes or the
 * owner is called.
 */
final class Conversation implements SwitchboardListener {

    /** Invitations by the user stop at this many participants besides the user (our own bound; our server has none). */
    static final int MAX_GROUP_PARTICIPANTS = 20;

    private static final AtomicLong THREADS = new AtomicLong();
    private static final AtomicLong GROUPS = new AtomicLong();

    /** What a conversation reports to the registry that owns it. */
    interface Owner {
        /** A message while the conversation is one to one. */
        void message(Conversation c, String handle, String text);

        /** A typing notice while the conversation is one to one. */
        void typing(Conversation c, String handle);

        void attention(Conversation c, String handle);

        void unsupported(Conversation c, String handle, String what);

        /** A file-transfer invitation message, one to one or in a group; answers go back on {@code c}. */
        void invitation(Conversation c, String handle, MimeMessage message);

        /** The conversation became a group, or the group the user opened is up; called at most once. */
        void groupStarted(Conversation c, List<Participant> participants);

        void groupMessage(Conversation c, String handle, String text);

        void groupTyping(Conversation c, String handle);

        void participantJoined(Conversation c, Participant participant);

        void participantLeft(Conversation c, String handle, boolean idle);

        /** The conversation ended; called once, with {@link #endReason()} set. */
        void closed(Conversation c);
    }

    /** Text or a nudge, held until the contact has joined. */
    private record Waiting(Function<SwitchboardSession, CompletionStage<Void>> send, CompletableFuture<Void> result) {
    }

    private record Sent(CompletionStage<Void> stage, CompletableFuture<Void> result) {
    }

    private final String contact;
    private final String threadId = "msn-sb-" + Long.toString(THREADS.incrementAndGet(), 36);
    private final boolean openedAsGroup;
    private final Owner owner;
    private final MsnPluginSettings settings;
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private SwitchboardSession sb;
    private boolean joined;
    /** Set when the conversation becomes a group; never unset. */
    private String groupId;
    private int invitesPending;
    private DeliveryFailure closedBecause;
    private boolean leftByUser;
    private Duration idleLimit;
    private boolean typingWanted;
    private boolean typingSent;
    private long lastTypingSent;
    // end guarded by lock

    /**
     * @param contact       the contact it is opened for or invited by (for a group the user opens: the first invitee)
     * @param openedAsGroup a group from the start: the user opened it as one
     */
    Conversation(String contact, boolean openedAsGroup, Owner owner, MsnPluginSettings settings) {
        this.contact = contact.toLowerCase(Locale.ROOT);
        this.openedAsGroup = openedAsGroup;
        this.owner = owner;
        this.settings = settings;
    }

    Conversation(String contact, Owner owner, MsnPluginSettings settings) {
        this(contact, false, owner, settings);
    }

    /** The contact this conversation was opened for or invited by. */
    String contact() {
        return contact;
    }

    /** Names the conversation for the user's client (XMPP {@code <thread>}); one per switchboard. */
    String threadId() {
        return threadId;
    }

    /** The group id once it is a group, else {@code null}. */
    String groupId() {
        synchronized (lock) {
            return groupId;
        }
    }

    /** True when the user left it ({@link #leave}): its end is not reported. */
    boolean leftByUser() {
        synchronized (lock) {
            return leftByUser;
        }
    }

    /** Why it ended, in words for the user; {@code null} while it lasts. */
    String endReason() {
        synchronized (lock) {
            return closedBecause == null ? null : closedBecause.userText();
        }
    }

    /** True while the user's messages to {@code handle} may go here. */
    boolean isOneToOneWith(String handle) {
        synchronized (lock) {
            return closedBecause == null && groupId == null && !openedAsGroup && sb != null
                    && contact.equalsIgnoreCase(handle);
        }
    }

    // ---- opening ----

    /** Opens a switchboard and invites the contact; waiting text goes out when the contact joins. */
    void open(NotificationSession ns) {
        openAndInvite(ns).whenComplete((v, e) -> {
            if (e != null) {
                close(MsnFailures.delivery(e, contact));
            } else {
                contactJoined();
            }
        });
    }

    /**
     * Opens a switchboard as a group conversation and invites the contact; completes with the group id
     * once they joined ({@link Owner#groupStarted} has then been called).
     */
    CompletionStage<String> openGroup(NotificationSession ns) {
        return openAndInvite(ns).handle((v, e) -> {
            String id;
            synchronized (lock) {
                joined = e == null;
                id = groupId;
            }
            if (e == null && id != null) {
                return id;
            }
            DeliveryFailure why = e != null ? MsnFailures.invitation(e, contact)
                    : new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "The conversation ended before it started");
            close(why);
            throw why;
        });
    }

    private CompletionStage<Void> openAndInvite(NotificationSession ns) {
        return ns.openSwitchboard(this).thenCompose(session -> {
            boolean wanted;
            synchronized (lock) {
                sb = session;
                wanted = closedBecause == null;
            }
            if (!wanted) {
                session.close();
                return CompletableFuture.completedFuture(null);
            }
            return session.invite(contact);
        });
    }

    /** Takes over a switchboard joined on an invitation; a group when more than the inviter is there. */
    void adopt(SwitchboardSession session) {
        boolean unwanted;
        List<Participant> started;
        synchronized (lock) {
            sb = session;
            joined = true;
            unwanted = closedBecause != null;
            started = unwanted ? null : startGroupIfLocked(session.participants().keySet().stream()
                    .anyMatch(h -> !h.equalsIgnoreCase(contact)));
        }
        if (unwanted) {
            session.close();
        } else if (started != null) {
            owner.groupStarted(this, started);
        }
    }

    /** Makes this a group when {@code condition} holds and it is none yet; returns the participants then. */
    private List<Participant> startGroupIfLocked(boolean condition) {
        if (!condition || groupId != null || closedBecause != null) {
            return null;
        }
        groupId = "chat" + Long.toString(GROUPS.incrementAndGet(), 36);
        return participantsLocked();
    }

    private List<Participant> participantsLocked() {
        List<Participant> list = new ArrayList<>();
        for (Map.Entry<String, String> p : sb.participants().entrySet()) {
            list.add(new Participant(LegacyAddress.of(p.getKey()), p.getValue()));
        }
        return list;
    }

    private void contactJoined() {
        List<Sent> sent = new ArrayList<>();
        SwitchboardSession typingOn = null;
        synchronized (lock) {
            if (closedBecause != null) {
                return;
            }
            joined = true;
            for (Waiting w : waiting) {
                sent.add(new Sent(w.send().apply(sb), w.result()));
            }
            if (typingWanted && waiting.isEmpty()) {
                typingOn = sb;
                markTypingSentLocked();
            }
            typingWanted = false;
            waiting.clear();
        }
        if (typingOn != null) {
            typingOn.sendTyping();
        }
        sent.forEach(s -> relay(s, contact));
    }

    // ---- the user's side, one to one ----

    /**
     * Sends text to the contact (mode A: completes on ACK). Returns {@code null} when this conversation
     * can no longer take text because it ended after the contact had joined, or became a group: the
     * caller then uses a new conversation.
     */
    CompletionStage<Void> trySend(String text) {
        return trySend(session -> session.sendText(text, AckMode.A));
    }

    /** Sends a nudge (mode A), with the same rules as {@link #trySend(String)}. */
    CompletionStage<Void> tryNudge() {
        return trySend(SwitchboardSession::sendNudge);
    }

    private CompletionStage<Void> trySend(Function<SwitchboardSession, CompletionStage<Void>> send) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletionStage<Void> stage;
        synchronized (lock) {
            if (closedBecause != null) {
                return joined ? null : CompletableFuture.failedFuture(closedBecause);
            }
            if (groupId != null || openedAsGroup || (joined && !sb.isOpen())) {
                return null;
            }
            if (!joined) {
                if (waiting.size() >= settings.maxWaitingMessages()) {
                    return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                            "Too many messages are waiting for " + contact + " to join the conversation"));
                }
                waiting.add(new Waiting(send, result));
                return result;
            }
            typingSent = false; // the contact's client clears "is typing" on a message
            stage = send.apply(sb);
        }
        relay(new Sent(stage, result), contact);
        return result;
    }

    /** Sends an invitation message (mode N) with the same rules as {@link #trySend(String)}. */
    CompletionStage<Void> trySendInvitation(MimeMessage message) {
        return trySend(session -> session.sendMessage(message, AckMode.N));
    }

    /**
     * Sends an invitation message (mode N) to whoever is here, one to one or in a group: an answer to an
     * invitation that came on this switchboard.
     */
    CompletionStage<Void> sendInvitation(MimeMessage message) {
        CompletionStage<Void> stage;
        synchronized (lock) {
            if (closedBecause != null || !joined || !sb.isOpen()) {
                return CompletableFuture.failedFuture(closedBecause != null ? closedBecause
                        : new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "The conversation has ended"));
            }
            stage = sb.sendMessage(message, AckMode.N);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        relay(new Sent(stage, result), contact);
        return result;
    }

    /**
     * Tells the others the user is typing, at most once per {@link MsnPluginSettings#typingRepeat()};
     * only in the kind of conversation the caller means.
     */
    void typing(boolean inGroup) {
        SwitchboardSession session;
        synchronized (lock) {
            if (closedBecause != null || (groupId != null) != inGroup) {
                return;
            }
            if (!joined) {
                typingWanted = !inGroup;
                return;
            }
            if (typingSent && System.nanoTime() - lastTypingSent < settings.typingRepeat().toNanos()) {
                return;
            }
            markTypingSentLocked();
            session = sb;
        }
        session.sendTyping();
    }

    private void markTypingSentLocked() {
        typingSent = true;
        lastTypingSent = System.nanoTime();
    }

    // ---- the user's side, as a group ----

    /** Sends text to everyone in the group (mode A, as one to one: completes on the ACK). */
    CompletionStage<Void> sendToGroup(String text) {
        CompletionStage<Void> stage;
        synchronized (lock) {
            if (closedBecause != null || groupId == null || !sb.isOpen()) {
                return CompletableFuture.failedFuture(ended());
            }
            typingSent = false;
            stage = sb.sendText(text, AckMode.A);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        relay(new Sent(stage, result), "the group conversation");
        return result;
    }

    /** Invites {@code handle} into the group; completes once they joined. */
    CompletionStage<Void> invite(String handle) {
        SwitchboardSession session;
        synchronized (lock) {
            if (closedBecause != null || groupId == null || !sb.isOpen()) {
                return CompletableFuture.failedFuture(ended());
            }
            if (sb.participants().keySet().stream().anyMatch(handle::equalsIgnoreCase)) {
                return CompletableFuture.completedFuture(null);
            }
            if (sb.participants().size() + invitesPending >= MAX_GROUP_PARTICIPANTS) {
                return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                        "The conversation is full (" + MAX_GROUP_PARTICIPANTS + " people besides you)"));
            }
            invitesPending++;
            session = sb;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        session.invite(handle).whenComplete((v, e) -> {
            synchronized (lock) {
                invitesPending--;
            }
            if (e == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(MsnFailures.invitation(e, handle));
            }
        });
        return result;
    }

    /** The user leaves: {@code OUT}, and the end is not reported. Idempotent. */
    void leave() {
        synchronized (lock) {
            if (closedBecause == null) {
                leftByUser = true;
            }
        }
        close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "You left the conversation"));
    }

    private static DeliveryFailure ended() {
        return new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "This MSN group conversation has ended");
    }

    private static void relay(Sent s, String to) {
        s.stage().whenComplete((v, e) -> {
            if (e == null) {
                s.result().complete(null);
            } else {
                s.result().completeExceptionally(MsnFailures.delivery(e, to));
            }
        });
    }

    /** Ends the conversation: waiting text fails with {@code why}, the switchboard is left. Idempotent. */
    void close(DeliveryFailure why) {
        List<Waiting> failed;
        SwitchboardSession session;
        synchronized (lock) {
            if (closedBecause != null) {
                return;
            }
            closedBecause = why;
            failed = new ArrayList<>(waiting);
            waiting.clear();
            session = sb;
        }
        owner.closed(this);
        failed.forEach(w -> w.result().completeExceptionally(why));
        if (session != null && session.isOpen()) {
            session.close();
        }
    }

    // ---- SwitchboardListener ----

    @Override
    public void onMessage(String handle, String friendlyName, MimeMessage message) {
        if (groupId() != null) {
            owner.groupMessage(this, handle, message.bodyText());
        } else {
            owner.message(this, handle, message.bodyText());
        }
    }

    @Override
    public void onTyping(String handle) {
        if (groupId() != null) {
            owner.groupTyping(this, handle);
        } else {
            owner.typing(this, handle);
        }
    }

    @Override
    public void onNudge(String handle) {
        owner.attention(this, handle);
    }

    @Override
    public void onUnsupported(String handle, String what) {
        owner.unsupported(this, handle, what);
    }

    @Override
    public void onInvitation(String handle, MimeMessage message) {
        owner.invitation(this, handle, message);
    }

    @Override
    public void onParticipantJoined(String handle, String friendlyName) {
        List<Participant> started;
        boolean inGroup;
        synchronized (lock) {
            if (sb == null || closedBecause != null) {
                return; // not adopted yet: adopt() looks at everyone present
            }
            inGroup = groupId != null;
            started = startGroupIfLocked(openedAsGroup || !handle.equalsIgnoreCase(contact));
        }
        if (started != null) {
            owner.groupStarted(this, started);
        } else if (inGroup) {
            owner.participantJoined(this, new Participant(LegacyAddress.of(handle), friendlyName));
        }
    }

    @Override
    public void onParticipantLeft(String handle, boolean idleTimeout) {
        boolean inGroup;
        synchronized (lock) {
            inGroup = groupId != null;
        }
        if (inGroup) {
            owner.participantLeft(this, handle, idleTimeout);
        } else if (handle.equalsIgnoreCase(contact)) {
            close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, contact + " left the conversation"));
        }
    }

    @Override
    public void onIdleTimeout(Duration limit) {
        synchronized (lock) {
            idleLimit = limit;
        }
    }

    @Override
    public void onClosed() {
        boolean nobodyLeft;
        Duration idle;
        boolean inGroup;
        synchronized (lock) {
            nobodyLeft = sb != null && sb.participants().isEmpty();
            idle = idleLimit;
            inGroup = groupId != null;
        }
        String why;
        if (!inGroup) {
            why = "The conversation with " + contact + " ended";
        } else if (idle != null) {
            why = "The conversation was closed after " + inWords(idle) + " without messages";
        } else if (nobodyLeft) {
            why = "Everyone else left the conversation";
        } else {
            why = "The connection to this MSN conversation was lost";
        }
        close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, why));
    }

    private static String inWords(Duration d) {
        long minutes = d.toMinutes();
        if (minutes >= 1 && d.toSeconds() % 60 == 0) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long seconds = Math.max(1, d.toSeconds());
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }

    @Override
    public String toString() {
        String g = groupId();
        return "Conversation[" + contact + ", " + threadId + (g == null ? "" : ", " + g) + "]";
    }
}
