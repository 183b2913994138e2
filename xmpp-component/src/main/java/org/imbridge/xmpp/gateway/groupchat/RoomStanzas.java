package org.imbridge.xmpp.gateway.groupchat;

import java.util.Date;
import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.Destroy;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** The stanzas a room sends, as XEP-0045 lays them out. */
final class RoomStanzas {

    /** Status codes of XEP-0045 §15.6 that rooms here use. */
    static final int SELF = 110;
    static final int NON_ANONYMOUS = 100;
    static final int CREATED = 201;
    static final int NICK_CHANGED = 210;

    private RoomStanzas() {
    }

    static EntityFullJid occupant(EntityBareJid room, Resourcepart nick) {
        return JidCreate.entityFullFrom(room.getLocalpart(), room.getDomain(), nick);
    }

    /** A participant is in the room (non-anonymous: with their contact JID). */
    static Presence occupantPresent(EntityBareJid room, Resourcepart nick, Jid to, Jid contact) {
        return occupantPresence(room, nick, to, Presence.Type.available,
                new MUCItem(MUCAffiliation.member, MUCRole.participant, null, null, contact, null, null), List.of());
    }

    /** A participant left the room. */
    static Presence occupantGone(EntityBareJid room, Resourcepart nick, Jid to, Jid contact, String why) {
        PresenceBuilder presence = StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable)
                .from(occupant(room, nick)).to(to);
        if (why != null) {
            presence.setStatus(why);
        }
        MUCUser x = new MUCUser();
        x.setItem(new MUCItem(MUCAffiliation.member, MUCRole.none, null, null, contact, null, null));
        return presence.addExtension(x).build();
    }

    /** The user's own presence in the room: with 110, and whatever else the codes say. */
    static Presence self(EntityBareJid room, Resourcepart nick, Jid to, Jid userJid, boolean owner,
                         Presence.Type type, List<Integer> codes) {
        MUCItem item = type == Presence.Type.available
                ? new MUCItem(owner ? MUCAffiliation.owner : MUCAffiliation.member,
                        owner ? MUCRole.moderator : MUCRole.participant, null, null, userJid, null, null)
                : new MUCItem(owner ? MUCAffiliation.owner : MUCAffiliation.member, MUCRole.none, null, null, userJid,
                        null, null);
        List<Integer> all = new java.util.ArrayList<>(codes);
        all.add(0, SELF);
        return occupantPresence(room, nick, to, type, item, all);
    }

    /** The room is gone (XEP-0045 §10.9): the user's unavailable presence with {@code <destroy>}. */
    static Presence destroyed(EntityBareJid room, Resourcepart nick, Jid to, Jid userJid, boolean owner, String reason) {
        MUCUser x = new MUCUser();
        x.setItem(new MUCItem(owner ? MUCAffiliation.owner : MUCAffiliation.member, MUCRole.none, null, null,
                userJid, null, null));
        x.addStatusCode(MUCUser.Status.create(SELF));
        x.setDestroy(new Destroy(null, reason));
        return StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).from(occupant(room, nick)).to(to)
                .setStatus(reason).addExtension(x).build();
    }

    private static Presence occupantPresence(EntityBareJid room, Resourcepart nick, Jid to, Presence.Type type,
                                             MUCItem item, List<Integer> codes) {
        MUCUser x = new MUCUser();
        x.setItem(item);
        for (int code : codes) {
            x.addStatusCode(MUCUser.Status.create(code));
        }
        return StanzaBuilder.buildPresence().ofType(type).from(occupant(room, nick)).to(to).addExtension(x).build();
    }

    /** The empty subject that ends the join (XEP-0045 §7.2.15). */
    static Message subject(EntityBareJid room, Jid to) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).from(room).to(to).setSubject("").build();
    }

    /** A message of an occupant; {@code sent} marks one that waited for the user's join (XEP-0203). */
    static Message groupMessage(EntityBareJid room, Resourcepart nick, Jid to, String id, String text, Date sent) {
        MessageBuilder message = StanzaBuilder.buildMessage(id).ofType(Message.Type.groupchat)
                .from(occupant(room, nick)).to(to).setBody(text);
        if (sent != null) {
            message.addExtension(new DelayInformation(sent, room.toString(), null));
        }
        return message.build();
    }

    /** A typing notification of an occupant. */
    static Message chatState(EntityBareJid room, Resourcepart nick, Jid to, ChatState state) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).from(occupant(room, nick)).to(to)
                .addExtension(new ChatStateExtension(state)).build();
    }

    /** A message of the room itself (no nick): what went wrong, or what happened. */
    static Message roomNotice(EntityBareJid room, Jid to, String text) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).from(room).to(to).setBody(text).build();
    }

    /** A notice to the user's bare JID about the room, for when they are not in it. */
    static Message headline(EntityBareJid room, BareJid to, String text) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.headline).from(room).to(to).setBody(text).build();
    }

    /** XEP-0249: the invitation as if from the contact who brought the user in. */
    static Message directInvitation(EntityBareJid room, Jid inviter, BareJid user, String reason) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.normal).from(inviter).to(user)
                .setBody(reason + " (join " + room + ")")
                .addExtension(new DirectInvitation(room, reason)).build();
    }

    /** XEP-0045 §7.8.2: the mediated invitation, from the room, naming the contact. */
    static Message mediatedInvitation(EntityBareJid room, Jid inviter, BareJid user, String reason) {
        MUCUser x = new MUCUser();
        x.setInvite(new MUCUser.Invite(reason, JidCreate.entityBareFromOrThrowUnchecked(inviter.asBareJid()), null));
        return StanzaBuilder.buildMessage().ofType(Message.Type.normal).from(room).to(user).addExtension(x).build();
    }
}
