package org.imbridge.xmpp.gateway.roster;

import java.util.LinkedHashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;

/**
 * Roster pushes a server sends the component about a user's roster (XEP-0356 privileged roster
 * access, for servers that push changes to the entity): an item of a contact JID whose groups differ
 * from the legacy groups moves the contact on the legacy network. Removals are left alone — a
 * contact leaves the legacy list when the user unsubscribes.
 */
public final class RosterPushHandler implements IqHandler {

    private final JidMapping jids;
    private final RosterGroupEdits edits;

    public RosterPushHandler(JidMapping jids, RosterGroupEdits edits) {
        this.jids = jids;
        this.edits = edits;
    }

    @Override
    public String element() {
        return RosterPacket.ELEMENT;
    }

    @Override
    public String namespace() {
        return RosterPacket.NAMESPACE;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        if (request.getType() != IQ.Type.set || !(request instanceof RosterPacket push) || request.getFrom() == null
                || !request.getFrom().hasLocalpart()) {
            return CompletableFuture.completedFuture(IQ.createErrorResponse(request,
                    StanzaError.Condition.service_unavailable));
        }
        String userJid = request.getFrom().asBareJid().toString();
        for (RosterPacket.Item item : push.getRosterItems()) {
            if (item.getItemType() == RosterPacket.ItemType.remove) {
                continue;
            }
            jids.toLegacy(item.getJid()).ifPresent(contact ->
                    edits.groupsChanged(userJid, contact, new LinkedHashSet<>(item.getGroupNames())));
        }
        return CompletableFuture.completedFuture(IQ.createResultIQ(request));
    }
}
