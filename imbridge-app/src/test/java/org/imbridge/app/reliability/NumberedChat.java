package org.imbridge.app.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.Jid;

/**
 * Numbered messages between one Jabber user and one MSN contact, both ways, and their fate: each is
 * delivered (how many times), bounced to its sender (an error stanza, or a failed MSN send), or
 * neither — lost. A sender thread per direction sends one message every {@code pace} while the test
 * crashes things around it.
 */
final class NumberedChat {

    /** Counts for one direction. */
    record Tally(String direction, int sent, int deliveredOnce, int bounced, int duplicated, int deliveredAndBounced,
                 int lost, List<Integer> lostNumbers) {
        @Override
        public String toString() {
            return direction + ": sent " + sent + ", delivered once " + deliveredOnce + ", bounced " + bounced
                    + ", duplicated " + duplicated + ", delivered though bounced " + deliveredAndBounced
                    + ", lost " + lost + (lostNumbers.isEmpty() ? "" : " " + lostNumbers);
        }

        boolean settled() {
            return lost == 0;
        }
    }

    private final String tag;
    private final JabberUser jabber;
    private final MsnContact msn;
    private final String userHandle;
    private final Jid contactJid;
    private final Map<Integer, Boolean> toMsnBounced = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> toJabberBounced = new ConcurrentHashMap<>();
    private final Map<Integer, Long> toMsnSentAt = new ConcurrentHashMap<>();
    private final Map<Integer, Long> toJabberSentAt = new ConcurrentHashMap<>();

    NumberedChat(String tag, JabberUser jabber, MsnContact msn, String userHandle, String contactHandle) {
        this.tag = tag;
        this.jabber = jabber;
        this.msn = msn;
        this.userHandle = userHandle;
        this.contactJid = jabber.contact(contactHandle);
    }

    private String toMsnText(int n) {
        return tag + " j2m " + n;
    }

    private String toJabberText(int n) {
        return tag + " m2j " + n;
    }

    private String toMsnId(int n) {
        return tag + "-j2m-" + n;
    }

    /** Sends messages 1..count from Jabber to MSN, one every {@code pace}; returns the thread doing it. */
    Thread jabberSends(int count, Duration pace) {
        return sender("jabber-sender-" + tag, count, pace, n -> {
            Message m = StanzaBuilder.buildMessage(toMsnId(n)).ofType(Message.Type.chat).to(contactJid)
                    .setBody(toMsnText(n)).build();
            toMsnSentAt.put(n, System.nanoTime());
            toMsnBounced.put(n, !jabber.trySend(m));
        });
    }

    /** Sends messages 1..count from MSN to Jabber, one every {@code pace}. */
    Thread msnSends(int count, Duration pace) {
        return sender("msn-sender-" + tag, count, pace, n -> {
            toJabberSentAt.put(n, System.nanoTime());
            toJabberBounced.put(n, !msn.trySay(userHandle, toJabberText(n)));
        });
    }

    private static Thread sender(String name, int count, Duration pace, java.util.function.IntConsumer send) {
        Thread t = new Thread(() -> {
            for (int n = 1; n <= count && !Thread.currentThread().isInterrupted(); n++) {
                long next = System.nanoTime() + pace.toNanos();
                send.accept(n);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether Jabber→MSN message {@code n} has reached the MSN contact. */
    boolean deliveredToMsn(int n) {
        return msn.texts.contains(toMsnText(n));
    }

    boolean deliveredToJabber(int n) {
        return jabber.bodiesEqualTo(toJabberText(n)) > 0;
    }

    /**
     * How long after {@code crashNanos} the chat worked again both ways: the later of the two
     * directions' first message sent after the crash that was delivered; null if one never was.
     */
    Duration workingAgainAfter(long crashNanos) {
        Long toMsnAt = firstDeliveredSentAfter(crashNanos, toMsnSentAt, this::deliveredToMsn);
        Long toJabberAt = firstDeliveredSentAfter(crashNanos, toJabberSentAt, this::deliveredToJabber);
        if (toMsnAt == null || toJabberAt == null) {
            return null;
        }
        return Duration.ofNanos(Math.max(toMsnAt, toJabberAt) - crashNanos);
    }

    private static Long firstDeliveredSentAfter(long crashNanos, Map<Integer, Long> sentAt,
                                                java.util.function.IntPredicate delivered) {
        return sentAt.entrySet().stream().filter(e -> e.getValue() > crashNanos && delivered.test(e.getKey()))
                .map(Map.Entry::getValue).min(Long::compare).orElse(null);
    }

    /** When (nanoTime) Jabber→MSN message {@code n} was sent, or -1 if it was not. */
    long toMsnSentAt(int n) {
        return toMsnSentAt.getOrDefault(n, -1L);
    }

    /** When (nanoTime) MSN→Jabber message {@code n} was sent, or -1 if it was not. */
    long toJabberSentAt(int n) {
        return toJabberSentAt.getOrDefault(n, -1L);
    }

    Tally toMsn() {
        return tally("Jabber→MSN", toMsnBounced, n -> msn.texts.stream().filter(toMsnText(n)::equals).count(),
                n -> jabber.hasError(toMsnId(n)));
    }

    Tally toJabber() {
        return tally("MSN→Jabber", toJabberBounced, n -> jabber.bodiesEqualTo(toJabberText(n)), n -> false);
    }

    private static Tally tally(String direction, Map<Integer, Boolean> sent,
                               java.util.function.IntToLongFunction deliveries,
                               java.util.function.IntPredicate errorCameBack) {
        int once = 0;
        int bounced = 0;
        int duplicated = 0;
        int both = 0;
        List<Integer> lost = new ArrayList<>();
        for (Map.Entry<Integer, Boolean> e : sent.entrySet()) {
            int n = e.getKey();
            long delivered = deliveries.applyAsLong(n);
            boolean bounce = e.getValue() || errorCameBack.test(n);
            if (delivered > 1) {
                duplicated++;
            } else if (delivered == 1 && bounce) {
                both++;
            } else if (delivered == 1) {
                once++;
            } else if (bounce) {
                bounced++;
            } else {
                lost.add(n);
            }
        }
        lost.sort(null);
        return new Tally(direction, sent.size(), once, bounced, duplicated, both, lost.size(), lost);
    }
}
