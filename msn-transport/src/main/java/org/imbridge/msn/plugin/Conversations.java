package org.imbridge.msn.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.Participant;
import org.imbridge.msn.client.MsnReferralRefusedException;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.plugin.files.InvitationLink;
import org.imbridge.msn.protocol.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's switchboard conversations: at most one one-to-one {@link Conversation} per contact that
 * the user's messages go to, opened on demand and replaced when it ends; conversations the contacts
 * open are joined. A message goes to the switchboard where its contact last spoke to the user one to
 * one (docs/msnp.md §7.4). A switchboard with more than one contact is a group conversation, known
 * by its group id (docs/msnp.md §14); it never carries one-to-one text. Groups are switchboards, so the
 * client's cap on open switchboards bounds them too. Thread-safe: one lock guards the registry and is
 * never held while a conversation is called.
 */
final class Conversations implements Conversation.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);
    private static final int SEND_ATTEMPTS = 3;

    /** What conversations report to the session. */
    interface Events {
        void message(String handle, String text, String threadId);

        void typing(String handle);

        void attention(String handle);

        void unsupported(String handle, String what);

        /** A file-transfer invitation message from {@code handle}; {@code replies} answers on its switchboard. */
        void invitation(String handle, MimeMessage message, InvitationLink replies);

        void groupStarted(String groupId, List<Participant> participants);

        void groupParticipantJoined(String groupId, Participant participant);

        void groupParticipantLeft(String groupId, String handle, boolean idle);

        void groupMessage(String groupId, String handle, String text);

        void groupTyping(String groupId, String handle);

        /** The group ended without the user leaving it; no more events for {@code groupId}. */
        void groupEnded(String groupId, String reason);
    }

    private final NotificationSession ns;
    private final Events events;
    private final MsnPluginSettings settings;
    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, Conversation> oneToOne = new HashMap<>();
    private final Set<Conversation> all = new HashSet<>();
    private final Map<String, Conversation> groups = new HashMap<>();
    private boolean closed;
    // end guarded by lock

    Conversations(NotificationSession ns, Events events, MsnPluginSettings settings) {
        this.ns = ns;
        this.events = events;
        this.settings = settings;
    }

    /** Sends {@code text} to {@code handle}; completes on the switchboard's ACK. */
    CompletionStage<Void> send(String handle, String text) {
        return deliver(handle, c -> c.trySend(text));
    }

    /** Sends {@code handle} a nudge the way {@link #send} sends text. */
    CompletionStage<Void> nudge(String handle) {
        return deliver(handle, Conversation::tryNudge);
    }

    /**
     * Sends a file-transfer invitation message to {@code handle} in the one-to-one conversation (MSN
     * clients negotiate invitations one to one); completes once written.
     */
    CompletionStage<Void> sendInvitation(String handle, MimeMessage message) {
        return deliver(handle, c -> c.trySendInvitation(message));
    }

    private CompletionStage<Void> deliver(String handle, Function<Conversation, CompletionStage<Void>> attempt) {
        for (int i = 0; i < SEND_ATTEMPTS; i++) {
            Conversation c = conversationWith(handle);
            if (c == null) {
                return sessionEnded();
            }
            CompletionStage<Void> sent = attempt.apply(c);
            if (sent != null) {
                return sent;
            }
            retire(c);
        }
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                "Could not open a conversation with " + handle));
    }

    /** Tells {@code handle} the user is typing, opening a conversation if there is none. */
    void typing(String handle) {
        Conversation c = conversationWith(handle);
        if (c != null) {
            c.typing(false);
        }
    }

    /** Joins a conversation someone invited the user to. */
    void accept(SwitchboardInvitation invitation) {
        Conversation c = new Conversation(invitation.inviter(), this, settings);
        synchronized (lock) {
            if (closed) {
                return;
            }
            all.add(c);
        }
        invitation.accept(c).whenComplete((sb, e) -> {
            if (e != null) {
                Throwable cause = MsnFailures.unwrap(e);
                if (cause instanceof MsnReferralRefusedException) {
                    LOG.debug("not joining the conversation {} invited to: {}", invitation.inviter(), cause.getMessage());
                } else {
                    LOG.info("could not join the conversation {} invited to: {}", invitation.inviter(), cause.getMessage());
                }
                c.close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "could not join"));
                return;
            }
            c.adopt(sb);
            useForReplies(c, c.contact());
        });
    }

    // ---- group conversations ----

    /** Opens a new switchboard as a group conversation with {@code first}; completes with its group id once they joined. */
    CompletionStage<String> openGroup(String first) {
        Conversation c = new Conversation(first, true, this, settings);
        synchronized (lock) {
            if (closed) {
                return sessionEnded();
            }
            all.add(c);
        }
        return c.openGroup(ns);
    }

    /** Invites {@code handle} into a group; completes once they joined. */
    CompletionStage<Void> invite(String groupId, String handle) {
        Conversation c = group(groupId);
        return c == null ? noSuchGroup(groupId) : c.invite(handle);
    }

    /** Sends text to everyone in a group; completes on the switchboard's ACK. */
    CompletionStage<Void> sendToGroup(String groupId, String text) {
        Conversation c = group(groupId);
        return c == null ? noSuchGroup(groupId) : c.sendToGroup(text);
    }

    /** Tells a group the user is typing (throttled like one to one). */
    void typingInGroup(String groupId) {
        Conversation c = group(groupId);
        if (c != null) {
            c.typing(true);
        }
    }

    /** The user leaves a group: OUT, and no end is reported. Idempotent. */
    void leave(String groupId) {
        Conversation c = group(groupId);
        if (c != null) {
            c.leave();
        }
    }

    private Conversation group(String groupId) {
        synchronized (lock) {
            return groups.get(groupId);
        }
    }

    private static <T> CompletionStage<T> noSuchGroup(String groupId) {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                "There is no MSN group conversation " + groupId + " (any more)"));
    }

    /** Ends every conversation (logout, session lost) with {@code reason}, which groups report; later sends fail. */
    void closeAll(String reason) {
        List<Conversation> ending;
        synchronized (lock) {
            closed = true;
            ending = new ArrayList<>(all);
        }
        DeliveryFailure why = new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, reason);
        ending.forEach(c -> c.close(why));
    }

    /** Groups going on now, for tests and statistics. */
    int groupCount() {
        synchronized (lock) {
            return groups.size();
        }
    }

    /** Conversations open now, for tests and statistics. */
    int size() {
        synchronized (lock) {
            return all.size();
        }
    }

    private Conversation conversationWith(String handle) {
        String key = handle.toLowerCase(Locale.ROOT);
        Conversation c;
        synchronized (lock) {
            if (closed) {
                return null;
            }
            c = oneToOne.get(key);
            if (c != null && c.groupId() == null) {
                return c;
            }
            c = new Conversation(key, this, settings);
            oneToOne.put(key, c);
            all.add(c);
        }
        c.open(ns);
        return c;
    }

    private void retire(Conversation c) {
        synchronized (lock) {
            oneToOne.remove(c.contact(), c);
        }
    }

    /** The user's messages to {@code handle} go to {@code c} from now on, if it is one to one with them. */
    private void useForReplies(Conversation c, String handle) {
        if (!c.isOneToOneWith(handle)) {
            return;
        }
        synchronized (lock) {
            if (!closed && all.contains(c)) {
                oneToOne.put(c.contact(), c);
            }
        }
    }

    private static <T> CompletionStage<T> sessionEnded() {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN,
                "Not connected to MSN"));
    }

    // ---- Conversation.Owner ----

    @Override
    public void message(Conversation c, String handle, String text) {
        useForReplies(c, handle);
        events.message(handle, text, c.threadId());
    }

    @Override
    public void typing(Conversation c, String handle) {
        events.typing(handle);
    }

    @Override
    public void attention(Conversation c, String handle) {
        events.attention(handle);
    }

    @Override
    public void unsupported(Conversation c, String handle, String what) {
        events.unsupported(handle, what);
    }

    @Override
    public void invitation(Conversation c, String handle, MimeMessage message) {
        events.invitation(handle, message, c::sendInvitation);
    }

    @Override
    public void groupStarted(Conversation c, List<Participant> participants) {
        String groupId = c.groupId();
        synchronized (lock) {
            oneToOne.remove(c.contact(), c);
            if (closed || !all.contains(c)) {
                return;
            }
            groups.put(groupId, c);
        }
        LOG.debug("{} is a group conversation now, with {}", c, participants.size());
        events.groupStarted(groupId, participants);
    }

    @Override
    public void groupMessage(Conversation c, String handle, String text) {
        events.groupMessage(c.groupId(), handle, text);
    }

    @Override
    public void groupTyping(Conversation c, String handle) {
        events.groupTyping(c.groupId(), handle);
    }

    @Override
    public void participantJoined(Conversation c, Participant participant) {
        events.groupParticipantJoined(c.groupId(), participant);
    }

    @Override
    public void participantLeft(Conversation c, String handle, boolean idle) {
        events.groupParticipantLeft(c.groupId(), handle, idle);
    }

    @Override
    public void closed(Conversation c) {
        String groupId = c.groupId();
        boolean announced;
        synchronized (lock) {
            all.remove(c);
            oneToOne.remove(c.contact(), c);
            announced = groupId != null && groups.remove(groupId, c);
        }
        if (announced && !c.leftByUser()) {
            events.groupEnded(groupId, c.endReason());
        }
    }
}
