package org.imbridge.msn.bridge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's switchboard conversations, one per contact: opened on demand (XFR SB, CAL) when a
 * message goes out, messages held in order until the contact joins, reused until the switchboard
 * closes; switchboards the contacts open (RNG) are adopted. A message to a contact is sent on the
 * switchboard where that contact last spoke.
 */
final class Conversations {

    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);
    private static final long TYPING_REPEAT_NANOS = 4_000_000_000L;
    private static final AtomicLong THREADS = new AtomicLong();

    /** What conversations report to the session. */
    interface Events {
        void message(String handle, String text, String threadId);

        void typing(String handle);
    }

    private final NotificationSession ns;
    private final Events events;
    private final int maxPending;
    private final Map<String, Conversation> byContact = new HashMap<>();

    Conversations(NotificationSession ns, Events events, int maxPending) {
        this.ns = ns;
        this.events = events;
        this.maxPending = maxPending;
    }

    /** Sends {@code text} to {@code handle}; completes on the switchboard's ACK. */
    CompletionStage<Void> send(String handle, String text) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        conversationFor(handle).send(new Pending(text, result));
        return result;
    }

    /** Tells {@code handle} the user is typing, at most every four seconds, opening a switchboard if needed. */
    void typing(String handle) {
        conversationFor(handle).typing();
    }

    /** Someone invited us to a switchboard: join it. */
    void accept(SwitchboardInvitation invitation) {
        Conversation c = new Conversation(key(invitation.inviter()));
        invitation.accept(c).whenComplete((sb, e) -> {
            if (e != null) {
                LOG.info("could not join the switchboard of {}: {}", invitation.inviter(), MsnFailures.unwrap(e).getMessage());
                return;
            }
            c.opened(sb);
            synchronized (this) {
                byContact.put(c.contact, c);
            }
        });
    }

    /** Closes every switchboard (logout). */
    void closeAll() {
        List<Conversation> all;
        synchronized (this) {
            all = new ArrayList<>(byContact.values());
            byContact.clear();
        }
        for (Conversation c : all) {
            c.close(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, "The MSN session ended"));
        }
    }

    private synchronized Conversation conversationFor(String handle) {
        String k = key(handle);
        Conversation c = byContact.get(k);
        if (c == null || c.closed) {
            c = new Conversation(k);
            byContact.put(k, c);
            c.open();
        }
        return c;
    }

    private synchronized void forget(Conversation c) {
        byContact.remove(c.contact, c);
    }

    private synchronized void lastSpokeIn(String handle, Conversation c) {
        byContact.put(key(handle), c);
    }

    private static String key(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }

    private record Pending(String text, CompletableFuture<Void> result) {
    }

    /** One switchboard and what waits for it. Guarded by its own monitor. */
    private final class Conversation implements SwitchboardListener {

        final String contact;
        final String threadId = "sb-" + Long.toString(THREADS.incrementAndGet(), 36);
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        SwitchboardSession sb;
        boolean joined;
        volatile boolean closed;
        long lastTypingSent;
        boolean typingWanted;

        Conversation(String contact) {
            this.contact = contact;
        }

        void open() {
            ns.openSwitchboard(this)
                    .thenCompose(session -> {
                        synchronized (this) {
                            sb = session;
                        }
                        return session.invite(contact);
                    })
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            close(MsnFailures.delivery(e, contact));
                        } else {
                            joinedNow();
                        }
                    });
        }

        void opened(SwitchboardSession session) {
            synchronized (this) {
                sb = session;
            }
            joinedNow();
        }

        private void joinedNow() {
            List<Pending> flush;
            boolean typingNow;
            synchronized (this) {
                joined = true;
                flush = new ArrayList<>(waiting);
                waiting.clear();
                typingNow = typingWanted;
                typingWanted = false;
            }
            if (typingNow) {
                typing();
            }
            flush.forEach(this::transmit);
        }

        void send(Pending p) {
            synchronized (this) {
                if (closed) {
                    p.result().completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                            "The conversation with " + contact + " closed"));
                    return;
                }
                if (!joined) {
                    if (waiting.size() >= maxPending) {
                        p.result().completeExceptionally(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED,
                                "Too many messages waiting for " + contact + " to join"));
                        return;
                    }
                    waiting.add(p);
                    return;
                }
            }
            transmit(p);
        }

        private void transmit(Pending p) {
            sb.sendText(p.text(), AckMode.A).whenComplete((v, e) -> {
                if (e == null) {
                    p.result().complete(null);
                } else {
                    p.result().completeExceptionally(MsnFailures.delivery(e, contact));
                }
            });
        }

        void typing() {
            SwitchboardSession session;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (!joined) {
                    typingWanted = true;
                    return;
                }
                long now = System.nanoTime();
                if (lastTypingSent != 0 && now - lastTypingSent < TYPING_REPEAT_NANOS) {
                    return;
                }
                lastTypingSent = now;
                session = sb;
            }
            session.sendTyping();
        }

        void close(DeliveryFailure why) {
            List<Pending> failed;
            SwitchboardSession session;
            synchronized (this) {
                closed = true;
                failed = new ArrayList<>(waiting);
                waiting.clear();
                session = sb;
            }
            forget(this);
            failed.forEach(p -> p.result().completeExceptionally(why));
            if (session != null && session.isOpen()) {
                session.close();
            }
        }

        @Override
        public void onMessage(String handle, String friendlyName, MimeMessage message) {
            lastSpokeIn(handle, this);
            events.message(handle, message.bodyText(), threadId);
        }

        @Override
        public void onTyping(String handle) {
            events.typing(handle);
        }

        @Override
        public void onParticipantLeft(String handle, boolean idleTimeout) {
            if (sb != null && sb.participants().isEmpty()) {
                close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, contact + " left the conversation"));
            }
        }

        @Override
        public void onClosed() {
            close(new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "The conversation with " + contact + " closed"));
        }
    }
}
