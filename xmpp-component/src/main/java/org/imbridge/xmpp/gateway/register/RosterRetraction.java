package org.imbridge.xmpp.gateway.register;

import java.util.Collection;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/**
 * Takes back the roster entries the transport created for a user whose registration is gone: for
 * every synced contact JID and for the transport itself, {@code unsubscribe} and {@code unsubscribed}
 * (RFC 6121 §3.2, §3.3), which the user's server applies to the roster even while they are offline.
 */
public final class RosterRetraction {

    private final JidMapping jids;
    private final StanzaSink sink;

    public RosterRetraction(JidMapping jids, StanzaSink sink) {
        this.jids = jids;
        this.sink = sink;
    }

    /** Retracts the contacts' JIDs, then the transport's. */
    public void retract(BareJid user, Collection<String> syncedContacts) {
        for (String contact : syncedContacts) {
            retract(jids.toJid(LegacyAddress.of(contact)), user);
        }
        retract(jids.transport(), user);
    }

    private void retract(Jid from, BareJid user) {
        sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unsubscribe).from(from).to(user).build());
        sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unsubscribed).from(from).to(user).build());
    }
}
