package org.imbridge.xmpp.gateway.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The fallback that works with every server and client: each contact not yet synced asks the user to
 * subscribe, with its friendly name as an XEP-0172 nickname so the client can name the roster item.
 * Groups cannot travel this way. Blocking store calls: run on a pool thread, not an I/O thread.
 */
public final class SubscriptionRosterSync implements RosterSync {

    private final JidMapping jids;
    private final StanzaSink sink;
    private final RegistrationStore store;
    private final String network;

    public SubscriptionRosterSync(JidMapping jids, StanzaSink sink, RegistrationStore store, String network) {
        this.jids = jids;
        this.sink = sink;
        this.store = store;
        this.network = network;
    }

    @Override
    public void sync(String userJid, Collection<Contact> contacts) {
        List<String> ids = new ArrayList<>(contacts.size());
        contacts.forEach(c -> ids.add(c.address().value()));
        Set<String> fresh = store.markNewlySynced(userJid, network, ids);
        for (Contact c : contacts) {
            if (fresh.contains(c.address().value())) {
                sink.send(subscribe(userJid, c));
            }
        }
    }

    /** A new contact asks for a subscription; a rename cannot reach a roster this way (XEP-0172 has no update). */
    @Override
    public void updated(String userJid, Contact contact) {
        if (!store.syncedContacts(userJid, network).contains(contact.address().value())) {
            askToSubscribe(userJid, contact);
        }
    }

    private void askToSubscribe(String userJid, Contact contact) {
        sink.send(subscribe(userJid, contact));
        store.markSynced(userJid, network, contact.address().value());
    }

    private Presence subscribe(String userJid, Contact contact) {
        return StanzaBuilder.buildPresence()
                .ofType(Presence.Type.subscribe)
                .from(jids.toJid(contact.address()))
                .to(bare(userJid))
                .addExtension(new Nick(contact.displayName()))
                .build();
    }

    @Override
    public void removed(String userJid, LegacyAddress contact) {
        BareJid user = bare(userJid);
        sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unsubscribe).from(jids.toJid(contact)).to(user).build());
        sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unsubscribed).from(jids.toJid(contact)).to(user).build());
        store.unmarkSynced(userJid, network, contact.value());
    }

    static BareJid bare(String userJid) {
        try {
            return JidCreate.bareFrom(userJid);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(userJid, e);
        }
    }
}
