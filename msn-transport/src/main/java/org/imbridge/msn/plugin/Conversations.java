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
import org.imbridge.msn.client.MsnReferralRefusedException;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's switchboard conversations: at most one one-to-one {@link Conversation} per contact that
 * the user's messages go to, opened on demand and replaced when it ends; conversations the contacts
 * open are joined. A message goes to the switchboard where its contact last spoke to the user one to
 * one (docs/msnp.md §7.4); group switchboards only deliver. Thread-safe: one lock guards the registry and
 * is never held while a conversation is called.
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
    }

    private final NotificationSession ns;
    private final Events events;
    private final MsnPluginSettings settings;
    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, Conversation> oneToOne = new HashMap<>();
    private final Set<Conversation> all = new HashSet<>();
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
            c.typing();
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

    /** Ends every conversation (logout, session lost); later sends fail. */
    void closeAll() {
        List<Conversation> ending;
        synchronized (lock) {
            closed = true;
            ending = new ArrayList<>(all);
            all.clear();
            oneToOne.clear();
        }
        DeliveryFailure why = new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, "The MSN session ended");
        ending.forEach(c -> c.close(why));
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
            if (c != null) {
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

    private static CompletionStage<Void> sessionEnded() {
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
    public void becameGroup(Conversation c) {
        retire(c);
    }

    @Override
    public void closed(Conversation c) {
        synchronized (lock) {
            all.remove(c);
            oneToOne.remove(c.contact(), c);
        }
    }
}
