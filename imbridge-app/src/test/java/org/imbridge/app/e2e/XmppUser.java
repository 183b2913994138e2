package org.imbridge.app.e2e;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Jabber user of the bridge, as a client behaves: accepts the transport's and its contacts'
 * subscription requests (and subscribes back), and records every message and presence it gets.
 */
final class XmppUser {

    final XMPPTCPConnection client;
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Presence> presences = new CopyOnWriteArrayList<>();
    private final BridgeHarness bridge;
    /** Contacts (bare JIDs as strings) whose subscription requests this user denies. */
    final java.util.Set<String> deny = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private XmppUser(BridgeHarness bridge, XMPPTCPConnection client) {
        this.bridge = bridge;
        this.client = client;
        client.addAsyncStanzaListener((StanzaListener) this::onPresence, StanzaTypeFilter.PRESENCE);
        client.addAsyncStanzaListener((StanzaListener) s -> messages.add((Message) s), StanzaTypeFilter.MESSAGE);
    }

    /** Logs in to the XMPP server, registers {@code account} with the transport and waits until it is online on MSN. */
    static XmppUser onboard(BridgeHarness bridge, String user, String account, String password) throws Exception {
        XmppUser u = new XmppUser(bridge, bridge.login(user, "xmpp-" + user));
        bridge.register(u.client, account, password);
        await().atMost(BridgeHarness.TIMEOUT).until(() -> bridge.msn.isOnline(account));
        // presences from the transport reach the user only once their subscription to it is approved
        await().atMost(BridgeHarness.TIMEOUT).until(() -> u.presences.stream().anyMatch(p ->
                p.getType() == Presence.Type.subscribed && p.getFrom().equals(bridge.transportJid)));
        return u;
    }

    private void onPresence(Stanza stanza) throws org.jivesoftware.smack.SmackException.NotConnectedException,
            InterruptedException {
        Presence p = (Presence) stanza;
        presences.add(p);
        if (p.getType() == Presence.Type.subscribe && deny.contains(p.getFrom().asBareJid().toString())) {
            client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.unsubscribed).to(p.getFrom()).build());
        } else if (p.getType() == Presence.Type.subscribe) {
            client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(p.getFrom()).build());
            client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(p.getFrom()).build());
        }
    }

    Jid contact(String msnAccount) {
        return JidCreate.fromOrThrowUnchecked(msnAccount.replace('@', '%') + "@" + bridge.transportJid);
    }

    /**
     * The last presence from {@code from}: "available", "available dnd", "unavailable" or "none". Only
     * for states that last until the test itself changes them; a state the bridge leaves by itself
     * (e.g. offline while it reconnects) is awaited with {@link #awaitPresence}.
     */
    String lastPresenceFrom(Jid from) {
        for (int i = presences.size() - 1; i >= 0; i--) {
            Presence p = presences.get(i);
            if (p.getFrom().asBareJid().equals(from.asBareJid())
                    && (p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable)) {
                if (p.getType() == Presence.Type.unavailable) {
                    return "unavailable";
                }
                return p.getMode() == null || p.getMode() == Presence.Mode.available ? "available" : "available " + p.getMode();
            }
        }
        return "none";
    }

    /** Where the presence history stands now: {@link #awaitPresence} looks only at what comes after it. */
    int presenceMark() {
        return presences.size();
    }

    /**
     * Waits until a presence received after {@code mark} matches, however briefly the state it
     * announces lasted (a later presence may already have replaced it), and returns its position in
     * the history, a mark for what must come after it.
     */
    int awaitPresence(int mark, Predicate<Presence> match) {
        return await().atMost(BridgeHarness.TIMEOUT).until(() -> indexOf(mark, match), i -> i >= 0);
    }

    /** The presence at {@code index} of the history, e.g. one {@link #awaitPresence} found. */
    Presence presence(int index) {
        return presences.get(index);
    }

    private int indexOf(int mark, Predicate<Presence> match) {
        for (int i = mark; i < presences.size(); i++) {
            if (match.test(presences.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A presence of {@code type} from {@code from} (bare JIDs compared). */
    static Predicate<Presence> from(Jid from, Presence.Type type) {
        return p -> p.getType() == type && p.getFrom() != null && p.getFrom().asBareJid().equals(from.asBareJid());
    }

    List<Message> chatFrom(Jid from) {
        return messages.stream().filter(m -> m.getFrom() != null && m.getFrom().asBareJid().equals(from.asBareJid()))
                .toList();
    }

    void send(Stanza stanza) throws Exception {
        client.sendStanza(stanza);
    }

    void presence(Presence.Mode mode) throws Exception {
        client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.available).setMode(mode).build());
    }
}
