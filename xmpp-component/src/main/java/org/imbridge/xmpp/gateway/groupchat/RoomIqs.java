package org.imbridge.xmpp.gateway.groupchat;

import java.util.function.BiConsumer;

import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.muc.packet.MUCOwner;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * IQs to a room and its occupants, from the room's owner: disco#info (what the room really is), empty
 * disco#items (occupants are not listed: the room is hidden), XEP-0410 self-ping, and the owner's
 * configuration (an instant room: the default form is accepted as it is; destroying leaves).
 */
final class RoomIqs {

    static final String MUC = "http://jabber.org/protocol/muc";
    static final String MUC_OWNER = MUC + "#owner";
    static final String SELF_PING_OPTIMIZATION = MUC + "#self-ping-optimization";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private final StanzaSink sink;
    private final BiConsumer<Room, String> destroy;

    /** @param destroy ends a room the owner destroyed, with their reason */
    RoomIqs(StanzaSink sink, BiConsumer<Room, String> destroy) {
        this.sink = sink;
        this.destroy = destroy;
    }

    void handle(IQ iq, EntityFullJid sender, Room room) {
        if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return;
        }
        Resourcepart nick = iq.getTo().getResourceOrNull();
        String namespace = iq.getChildElementNamespace();
        if (Ping.NAMESPACE.equals(namespace)) {
            boolean self = nick == null || room.isJoinedBy(sender) && room.userNick().map(nick::equals).orElse(false);
            sink.send(self ? IQ.createResultIQ(iq) : IQ.createErrorResponse(iq, StanzaError.from(
                    StanzaError.Condition.not_acceptable, "You are not in this room with that nickname").build()));
        } else if (nick != null) {
            sink.send(IQ.createErrorResponse(iq, StanzaError.Condition.feature_not_implemented));
        } else if (DISCO_INFO.equals(namespace) && iq.getType() == IQ.Type.get && iq instanceof DiscoverInfo info) {
            sink.send(info.getNode() == null ? discoInfo(info, room)
                    : IQ.createErrorResponse(iq, StanzaError.Condition.item_not_found));
        } else if (DISCO_ITEMS.equals(namespace) && iq.getType() == IQ.Type.get) {
            DiscoverItems items = new DiscoverItems();
            items.setType(IQ.Type.result);
            items.setStanzaId(iq.getStanzaId());
            items.setFrom(iq.getTo());
            items.setTo(iq.getFrom());
            sink.send(items);
        } else if (MUC_OWNER.equals(namespace)) {
            owner(iq, room);
        } else {
            sink.send(IQ.createErrorResponse(iq, StanzaError.Condition.service_unavailable));
        }
    }

    private static IQ discoInfo(DiscoverInfo request, Room room) {
        DiscoverInfoBuilder answer = DiscoverInfoBuilder.buildResponseFor(request, IQ.ResponseType.result)
                .addIdentity(new DiscoverInfo.Identity("conference", room.title(), "text"))
                .addFeature(DISCO_INFO)
                .addFeature(MUC)
                .addFeature("muc_nonanonymous")
                .addFeature("muc_membersonly")
                .addFeature("muc_hidden")
                .addFeature("muc_temporary")
                .addFeature("muc_unmoderated")
                .addFeature("muc_unsecured")
                .addFeature(SELF_PING_OPTIMIZATION)
                .addFeature(Ping.NAMESPACE)
                .addFeature(ChatStateExtension.NAMESPACE);
        return answer.build();
    }

    private void owner(IQ iq, Room room) {
        if (!room.userCreated()) {
            sink.send(IQ.createErrorResponse(iq, StanzaError.from(StanzaError.Condition.forbidden,
                    "This room mirrors a conversation on the other network; it has nothing to configure").build()));
            return;
        }
        if (iq.getType() == IQ.Type.get) {
            MUCOwner form = new MUCOwner();
            form.setType(IQ.Type.result);
            form.setStanzaId(iq.getStanzaId());
            form.setFrom(iq.getTo());
            form.setTo(iq.getFrom());
            form.addExtension(DataForm.builder(DataForm.Type.form)
                    .setFormType(MUC + "#roomconfig")
                    .setTitle("Configuration of " + room.jid())
                    .addInstruction("This room has nothing to configure: it is private to you, temporary and hidden")
                    .build());
            sink.send(form);
            return;
        }
        if (iq instanceof MUCOwner request && request.getDestroy() != null) {
            String reason = request.getDestroy().getReason();
            sink.send(IQ.createResultIQ(iq));
            destroy.accept(room, reason == null ? "You closed the room" : reason);
            return;
        }
        // a submitted or cancelled configuration form: the room is instant either way
        sink.send(IQ.createResultIQ(iq));
    }
}
