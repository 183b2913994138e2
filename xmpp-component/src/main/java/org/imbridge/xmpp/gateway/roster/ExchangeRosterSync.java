package org.imbridge.xmpp.gateway.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.FullJid;

/**
 * XEP-0144 roster item exchange to a user's client that takes it, for servers that gave no roster
 * privilege: new contacts are suggested as {@code add} items with name and groups, renames and group
 * changes as {@code modify}, removals as {@code delete}. The groups sent are recorded in the store, so
 * that at the next login a contact moved on the legacy network meanwhile is sent as a {@code modify},
 * and a contact that so far only had a subscription request (the client was not known to take items)
 * as an {@code add}.
 * The items go first and the presence subscription requests of {@link SubscriptionRosterSync} after
 * them (the XEP-0100/0144 practice): the items give the client names and groups, the subscriptions give
 * the user the contacts' presence.
 * Blocking store calls: run on a pool thread.
 */
public final class ExchangeRosterSync implements RosterSync {

    private final JidMapping jids;
    private final StanzaSink sink;
    private final RegistrationStore store;
    private final String network;
    private final RosterExchangeClients clients;
    private final SubscriptionRosterSync subscriptions;

    public ExchangeRosterSync(JidMapping jids, StanzaSink sink, RegistrationStore store, String network,
                              RosterExchangeClients clients, SubscriptionRosterSync subscriptions) {
        this.jids = jids;
        this.sink = sink;
        this.store = store;
        this.network = network;
        this.clients = clients;
        this.subscriptions = subscriptions;
    }

    @Override
    public void sync(String userJid, Collection<Contact> contacts) {
        Set<String> synced = store.syncedContacts(userJid, network);
        Map<String, Set<String>> sent = store.sentGroups(userJid, network);
        List<RosterExchange.Item> items = new ArrayList<>();
        List<Contact> sending = new ArrayList<>();
        for (Contact c : contacts) {
            String id = c.address().value();
            if (!synced.contains(id)) {
                items.add(item(RosterExchange.Action.ADD, c));
                sending.add(c);
            } else if (!sent.containsKey(id)) {
                items.add(item(RosterExchange.Action.ADD, c)); // asked for with a subscription only, no groups
                sending.add(c);
            } else if (!sent.get(id).equals(Set.copyOf(c.groups()))) {
                items.add(item(RosterExchange.Action.MODIFY, c)); // moved on the network while the user was away
                sending.add(c);
            }
        }
        boolean sentThem = send(userJid, items);
        subscriptions.sync(userJid, contacts); // marks the new ones synced, so their groups can be recorded
        if (sentThem) {
            sending.forEach(c -> store.recordSentGroups(userJid, network, c.address().value(), Set.copyOf(c.groups())));
        }
    }

    @Override
    public void updated(String userJid, Contact contact) {
        boolean known = store.syncedContacts(userJid, network).contains(contact.address().value());
        boolean sentIt = send(userJid, List.of(item(known ? RosterExchange.Action.MODIFY : RosterExchange.Action.ADD,
                contact)));
        subscriptions.updated(userJid, contact);
        if (sentIt) {
            store.recordSentGroups(userJid, network, contact.address().value(), Set.copyOf(contact.groups()));
        }
    }

    @Override
    public void removed(String userJid, LegacyAddress contact) {
        send(userJid, List.of(new RosterExchange.Item(RosterExchange.Action.DELETE, jids.toJid(contact).toString(),
                null, Set.of())));
        subscriptions.removed(userJid, contact);
    }

    private RosterExchange.Item item(RosterExchange.Action action, Contact contact) {
        return new RosterExchange.Item(action, jids.toJid(contact.address()).toString(), contact.displayName(),
                contact.groups());
    }

    /** @return true when the items went to a client */
    private boolean send(String userJid, List<RosterExchange.Item> items) {
        Optional<FullJid> client = clients.client(userJid);
        if (items.isEmpty() || client.isEmpty()) {
            return false;
        }
        sink.send(StanzaBuilder.buildMessage().from(jids.transport()).to(client.get())
                .addExtension(new RosterExchange(items)).build());
        return true;
    }
}
