package org.imbridge.xmpp.gateway.roster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.BareJid;

/**
 * Plays the user's server behind a {@link StanzaSink}: answers privileged roster gets and sets like
 * Prosody's mod_privilege (one answer per set, on another thread), keeps the rosters, and can be told
 * to fail sets (as ejabberd 23.01 does) or to stay silent. Records every stanza it was given.
 */
final class FakeRosterServer implements StanzaSink {

    private final ExecutorService answers = Executors.newSingleThreadExecutor();
    private final List<Stanza> sent = new CopyOnWriteArrayList<>();
    private final Map<BareJid, Map<BareJid, RosterPacket.Item>> rosters = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile IqRequests requests;
    private volatile StanzaError.Condition setError;
    private volatile StanzaError.Condition getError;
    private volatile boolean silent;
    private volatile boolean holdAnswers;
    private final List<Runnable> held = new CopyOnWriteArrayList<>();

    void answerThrough(IqRequests iqs) {
        this.requests = iqs;
    }

    /** Roster sets are answered with this error from now on (null: succeed). */
    void failSets(StanzaError.Condition condition) {
        this.setError = condition;
    }

    void failGets(StanzaError.Condition condition) {
        this.getError = condition;
    }

    /** No answers at all from now on. */
    void silent() {
        this.silent = true;
    }

    /** Answers wait until {@link #release()}. */
    void hold() {
        this.holdAnswers = true;
    }

    void release() {
        holdAnswers = false;
        held.forEach(answers::execute);
        held.clear();
    }

    void put(BareJid user, RosterPacket.Item item) {
        rosters.computeIfAbsent(user, k -> new ConcurrentHashMap<>()).put(item.getJid(), item);
    }

    Map<BareJid, RosterPacket.Item> roster(BareJid user) {
        return rosters.getOrDefault(user, Map.of());
    }

    List<Stanza> sent() {
        return sent;
    }

    List<RosterPacket> sets() {
        return sent.stream().filter(s -> s instanceof RosterPacket r && r.getType() == IQ.Type.set)
                .map(RosterPacket.class::cast).toList();
    }

    List<RosterPacket> gets() {
        return sent.stream().filter(s -> s instanceof RosterPacket r && r.getType() == IQ.Type.get)
                .map(RosterPacket.class::cast).toList();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void close() {
        answers.shutdownNow();
    }

    @Override
    public boolean send(Stanza stanza) {
        sent.add(stanza);
        if (!(stanza instanceof RosterPacket iq) || silent) {
            return true;
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Runnable answer = () -> {
            IQ reply = answer(iq);
            inFlight.decrementAndGet();
            requests.accept(reply);
        };
        if (holdAnswers) {
            held.add(answer);
        } else {
            answers.execute(answer);
        }
        return true;
    }

    private IQ answer(RosterPacket iq) {
        BareJid user = iq.getTo().asBareJid();
        if (iq.getType() == IQ.Type.get) {
            if (getError != null) {
                return IQ.createErrorResponse(iq, getError);
            }
            RosterPacket result = new RosterPacket();
            result.setType(IQ.Type.result);
            result.setStanzaId(iq.getStanzaId());
            result.setFrom(iq.getTo());
            result.setTo(iq.getFrom());
            roster(user).values().forEach(result::addRosterItem);
            return result;
        }
        if (setError != null) {
            return IQ.createErrorResponse(iq, setError);
        }
        RosterPacket.Item item = iq.getRosterItems().get(0);
        if (item.getItemType() == RosterPacket.ItemType.remove) {
            if (rosters.computeIfAbsent(user, k -> new ConcurrentHashMap<>()).remove(item.getJid()) == null) {
                return IQ.createErrorResponse(iq, StanzaError.Condition.item_not_found);
            }
        } else {
            put(user, item);
        }
        return IQ.createResultIQ(iq);
    }
}
