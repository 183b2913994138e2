package org.imbridge.app.reliability;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Jabber user logged in to the private Prosody with Smack, as a client behaves: accepts and returns
 * every subscription request, and records every message and presence it receives (the history the
 * tests await on; nothing is ever removed from it).
 */
final class JabberUser {

    final XMPPTCPConnection client;
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Presence> presences = new CopyOnWriteArrayList<>();
    private final String transportDomain;

    JabberUser(XMPPTCPConnection client, String transportDomain) {
        this.client = client;
        this.transportDomain = transportDomain;
        Roster.getInstanceFor(client).setSubscriptionMode(Roster.SubscriptionMode.manual);
        client.setReplyTimeout(PackagedBridge.TIMEOUT.toMillis());
        client.addAsyncStanzaListener((StanzaListener) this::onPresence, StanzaTypeFilter.PRESENCE);
        client.addAsyncStanzaListener((StanzaListener) s -> messages.add((Message) s), StanzaTypeFilter.MESSAGE);
    }

    private void onPresence(Stanza stanza) throws org.jivesoftware.smack.SmackException.NotConnectedException,
            InterruptedException {
        Presence p = (Presence) stanza;
        presences.add(p);
        if (p.getType() == Presence.Type.subscribe) {
            client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(p.getFrom()).build());
            client.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(p.getFrom()).build());
        }
    }

    /**
     * After the server went away: logs in again, retrying as a client's reconnection logic does (a
     * connect right after the old stream died can meet a stream error, which Smack ends by disconnecting).
     */
    void reconnect() {
        await("the client logged in again").atMost(PackagedBridge.TIMEOUT).ignoreExceptions().until(() -> {
            if (!client.isConnected()) {
                client.connect();
            }
            if (!client.isAuthenticated()) {
                client.login();
            }
            return client.isAuthenticated();
        });
    }

    /** The JID of an MSN contact at the transport, e.g. {@code bob%hotmail.com@msn.localhost}. */
    Jid contact(String msnHandle) {
        return JidCreate.fromOrThrowUnchecked(msnHandle.replace('@', '%') + "@" + transportDomain);
    }

    /** @return false if the client could not hand it to Prosody (not connected): the sender knows */
    boolean trySend(Stanza stanza) {
        try {
            client.sendStanza(stanza);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    boolean hasError(String id) {
        return errorFor(id) != null;
    }

    /** The error condition of the error stanza (any kind) answering {@code id}, or null. */
    StanzaError.Condition errorFor(String id) {
        for (Stanza s : List.<Stanza>copyOf(messages)) {
            if (id.equals(s.getStanzaId()) && s.getError() != null) {
                return s.getError().getCondition();
            }
        }
        for (Stanza s : List.<Stanza>copyOf(presences)) {
            if (id.equals(s.getStanzaId()) && s.getError() != null) {
                return s.getError().getCondition();
            }
        }
        return null;
    }

    long bodiesEqualTo(String body) {
        return messages.stream().filter(m -> m.getType() != Message.Type.error && body.equals(m.getBody())).count();
    }
}
