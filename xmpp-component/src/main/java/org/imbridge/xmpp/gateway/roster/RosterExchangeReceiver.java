package org.imbridge.xmpp.gateway.roster;

import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0144 items the user's client sends the transport: {@code modify} with other groups moves the
 * contact on the legacy network. {@code add} and {@code delete} are left to presence subscriptions,
 * which already add and remove legacy contacts.
 */
public final class RosterExchangeReceiver {

    private final JidMapping jids;
    private final RosterGroupEdits edits;

    public RosterExchangeReceiver(JidMapping jids, RosterGroupEdits edits) {
        this.jids = jids;
        this.edits = edits;
    }

    /** @return true when the message was a roster exchange (taken care of here) */
    public boolean accept(Message message) {
        RosterExchange exchange = RosterExchange.from(message);
        // with a body it is a chat message that happens to suggest items: the message handler takes it
        if (exchange == null || message.getType() == Message.Type.error || message.getBody() != null) {
            return false;
        }
        if (message.getFrom() == null || !message.getFrom().hasLocalpart()) {
            return true;
        }
        String userJid = message.getFrom().asBareJid().toString();
        for (RosterExchange.Item item : exchange.items()) {
            if (item.action() != RosterExchange.Action.MODIFY) {
                continue;
            }
            Jid jid = JidCreate.fromOrNull(item.jid());
            jids.toLegacy(jid).ifPresent(contact -> edits.groupsChanged(userJid, contact, item.groups()));
        }
        return true;
    }
}
