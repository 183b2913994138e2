package org.imbridge.msn.plugin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;

/**
 * One switchboard conversation (docs/msnp.md §7): either opened by us for one contact ({@code XFR SB},
 * {@code CAL}), with the user's text held in order until the contact has joined, or joined on a
 * contact's invitation. Once anybody but the contact takes part it is a group conversation: it still
 * reports what everyone says, but takes no more text from the user, whose messages to one contact must
 * not be read by others. Thread-safe: guarded by its own lock, which is never held while a caller's
 * stage completes or the owner is called.
 */
final class Conversation implements SwitchboardListener {

    private static final AtomicLong THREADS = new AtomicLong();

    /** What a conversation reports to the registry that owns it. */
    interface Owner {
        void message(Conversation c, String handle, String text);

        void typing(Conversation c, String handle);

        void attention(Conversation c, String handle);

        void unsupported(Conversation c, String handle, String what);

        /** Someone besides the contact joined. */
        void becameGroup(Conversation c);

        /** The conversation ended; called once. */
        void closed(Conversation c);
    }

    /** Text or a nudge, held until the contact has joined. */
    private record Waiting(Function<SwitchboardSession, CompletionStage<Void>> send, CompletableFuture<Void> result) {
    }

    private record Sent(CompletionStage<Void> stage, CompletableFuture<Void> result) {
    }

    private final String contact;
    private final String threadId = "msn-sb-" + Long.toString(THREADS.incrementAndGet(), 36);
    private final Owner owner;
    private final MsnPluginSettings settings;
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private SwitchboardSession sb;
    private boolean joined;
    private boolean group;
    private DeliveryFailure closedBecause;
    private boolean typingWanted;
    private boolean typingSent;
    private long lastTypingSent;
    // end guarded by lock

    Conversation(String contact, Owner owner, MsnPluginSettings settings) {
        this.contact = contact.toLowerCase(Locale.ROOT);
        this.owner = owner;
        this.settings = settings;
    }

    /** The contact this conversation is with (for a group: who invited the user). */
    String contact() {
        return contact;
    }

    /** Names the conversation for the user's client (XMPP {@code <thread>}); one per switchboard. */
    String threadId() {
        return threadId;
    }

    /** True while the user's messages to {@code handle} may go here. */
    boolean isOneToOneWith(String handle) {
        synchronized (lock) {
            return closedBecause == null && !group && sb != null && contact.equalsIgnoreCase(handle);
        }
    }

    // ---- opening ----

    /** Opens a switchboard and invites the contact; waiting text goes out when the contact joins. */
    void open(NotificationSession ns) {
        ns.openSwitchboard(this)
                .thenCompose(session -> {
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
                })
                .whenComplete((v, e) -> {
                    if (e != null) {
                        close(MsnFailures.delivery(e, contact));
                    } else {
                        contactJoined();
                    }
                });
    }

    /** Takes over a switchboard joined on an invitation; a group when more than the inviter is there. */
    void adopt(SwitchboardSession session) {
        boolean unwanted;
        synchronized (lock) {
            sb = session;
            joined = true;
            group = group || session.participants().keySet().stream().anyMatch(h -> !h.equalsIgnoreCase(contact));
            unwanted = closedBecause != null;
        }
        if (unwanted) {
            session.close();
        }
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
        sent.forEach(this::relay);
    }

    // ---- the user's side ----

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
            if (group || (joined && !sb.isOpen())) {
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
        relay(new Sent(stage, result));
        return result;
    }

    /** Tells the contact the user is typing, at most once per {@link MsnPluginSettings#typingRepeat()}. */
    void typing() {
        SwitchboardSession session;
        synchronized (lock) {
            if (closedBecause != null || group) {
                return;
            }
            if (!joined) {
                typingWanted = true;
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

    private void relay(Sent s) {
        s.stage().whenComplete((v, e) -> {
            if (e == null) {
                s.result().complete(null);
            } else {
                s.result().completeExceptionally(MsnFailures.delivery(e, contact));
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
        owner.message(this, handle, message.bodyText());
    }

    @Override
    public void onTyping(String handle) {
        owner.typing(this, handle);
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
    public void onParticipantJoined(String handle, String friendlyName) {
        if (handle.equalsIgnoreCase(contact)) {
            return;
        }
        synchronized (lock) {
            if (group) {
                return;
            }
            group = true;
        }
        owner.becameGroup(this);
    }

    @Override
    public void onParticipantLeft(String handle, boolean idleTimeout) {
        boolean oneToOne;
        synchronized (lock) {
            oneToOne = !group;
        }
        if (oneToOne && handle.equalsIgnoreCase(contact)) {
            close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, contact + " left the conversation"));
        }
    }

    @Override
    public void onClosed() {
        close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "The conversation with " + contact + " ended"));
    }

    @Override
    public String toString() {
        return "Conversation[" + contact + ", " + threadId + "]";
    }
}
