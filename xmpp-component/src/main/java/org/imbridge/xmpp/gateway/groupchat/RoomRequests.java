package org.imbridge.xmpp.gateway.groupchat;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.ErrorReplies;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * What users send to room JIDs: joining (which creates an empty room of theirs if there is none),
 * leaving, messages, chat states, invitations and IQs. A room is its owner's alone: anyone else is
 * refused. Called under the rooms' lock; completions of legacy operations take it again.
 */
final class RoomRequests {

    private final JidMapping jids;
    private final StanzaSink sink;
    private final RoomLimits limits;
    private final RoomNames names;
    private final RoomDirectory directory;
    private final Function<String, Optional<BridgedUser>> users;
    private final RoomIqs iqs;
    private final OfflineReasons offline;

    RoomRequests(JidMapping jids, StanzaSink sink, RoomLimits limits, RoomNames names, RoomDirectory directory,
                 Function<String, Optional<BridgedUser>> users, OfflineReasons offline) {
        this.offline = offline;
        this.jids = jids;
        this.sink = sink;
        this.limits = limits;
        this.names = names;
        this.directory = directory;
        this.users = users;
        this.iqs = new RoomIqs(sink, (room, why) -> {
            room.destroy(why);
            directory.remove(room);
            room.groupId().ifPresent(g -> users.apply(room.owner().toString()).ifPresent(u -> u.leaveGroupChat(g)));
        });
    }

    boolean accept(Stanza stanza) {
        Jid to = stanza.getTo();
        if (!names.isRoomJid(to)) {
            return false;
        }
        EntityBareJid roomJid = to.asEntityBareJidOrThrow();
        Optional<Room> room = directory.get(roomJid);
        boolean joinOrLeave = stanza instanceof Presence p && to.hasResource()
                && (p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable);
        if (room.isEmpty() && !joinOrLeave) {
            return false;
        }
        Jid from = stanza.getFrom();
        if (from == null || !from.hasLocalpart() || !from.hasResource()) {
            return true;
        }
        if (room.isPresent() && !room.get().owner().equals(from.asBareJid())) {
            refuseStranger(stanza, to);
            return true;
        }
        EntityFullJid sender = from.asEntityFullJidOrThrow();
        if (stanza instanceof Presence presence) {
            presence(presence, sender, roomJid, room);
        } else if (stanza instanceof Message message) {
            message(message, sender, room.get());
        } else if (stanza instanceof IQ iq) {
            iqs.handle(iq, sender, room.get());
        }
        return true;
    }

    /** Rooms are private: to others they do not exist (XEP-0045 members-only, hidden). */
    private void refuseStranger(Stanza stanza, Jid to) {
        StanzaError error = StanzaError.from(StanzaError.Condition.registration_required,
                "This room belongs to another user's conversation; only they can be in it").build();
        if (stanza instanceof Presence p && p.getType() == Presence.Type.available) {
            sink.send(StanzaBuilder.buildPresence(p.getStanzaId()).ofType(Presence.Type.error).from(to)
                    .to(p.getFrom()).setError(error).build());
        } else if (stanza instanceof Message m && m.getType() != Message.Type.error) {
            sink.send(ErrorReplies.bounce(m, error));
        } else if (stanza instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
            sink.send(IQ.createErrorResponse(iq, StanzaError.Condition.item_not_found));
        }
    }

    private void presence(Presence presence, EntityFullJid sender, EntityBareJid roomJid, Optional<Room> existing) {
        Resourcepart nick = presence.getTo().getResourceOrNull();
        if (presence.getType() == Presence.Type.unavailable) {
            existing.filter(r -> r.isJoinedBy(sender)).ifPresent(r -> leave(r, sender));
            return;
        }
        if (presence.getType() != Presence.Type.available) {
            return;
        }
        if (nick == null) {
            presenceError(presence, StanzaError.Condition.jid_malformed, "Join with a nickname: room/nick");
            return;
        }
        if (existing.isEmpty()) {
            if (users.apply(sender.asBareJid().toString()).isEmpty()) {
                // rooms are for users of the transport: nobody else may make it keep state
                offline.whyOffline(sender.asBareJid().toString()).whenComplete((error, e) -> presenceError(presence,
                        error != null ? error : StanzaError.from(StanzaError.Condition.service_unavailable,
                                "You are not connected; go online first").build()));
                return;
            }
            if (directory.count(sender.asBareJid()) >= limits.roomsPerUser()) {
                presenceError(presence, StanzaError.Condition.resource_constraint,
                        "You are in " + limits.roomsPerUser() + " rooms of this transport, the most there can be");
                return;
            }
            Room room = new Room(roomJid, sender.asBareJid(), true, limits, jids, sink);
            directory.add(room);
            room.join(sender, nick, true);
            return;
        }
        Room room = existing.get();
        if (!room.isJoinedBy(sender)) {
            room.join(sender, nick, false);
        } else if (room.userNick().map(nick::equals).orElse(true)) {
            room.presenceUpdate(sender);
        } else {
            presenceError(presence, StanzaError.Condition.not_acceptable, "Changing your nickname is not supported here");
        }
    }

    private void presenceError(Presence presence, StanzaError.Condition condition, String text) {
        presenceError(presence, StanzaError.from(condition, text).build());
    }

    private void presenceError(Presence presence, StanzaError error) {
        sink.send(StanzaBuilder.buildPresence(presence.getStanzaId()).ofType(Presence.Type.error)
                .from(presence.getTo()).to(presence.getFrom()).setError(error).build());
    }

    /** Bounces {@code message} of {@code owner}, who has no session: not connected, or not registered. */
    private void bounceOffline(Message message, String owner) {
        offline.whyOffline(owner).whenComplete((error, e) -> sink.send(ErrorReplies.bounce(message,
                error != null ? error : StanzaError.from(StanzaError.Condition.service_unavailable,
                        "You are not connected; go online first").build())));
    }

    private void leave(Room room, EntityFullJid sender) {
        if (!room.leave(sender)) {
            return;
        }
        directory.remove(room);
        room.groupId().ifPresent(g -> users.apply(room.owner().toString()).ifPresent(u -> u.leaveGroupChat(g)));
    }

    private void message(Message message, EntityFullJid sender, Room room) {
        if (message.getType() == Message.Type.error) {
            return;
        }
        MUCUser mucUser = MUCUser.from(message);
        if (mucUser != null && mucUser.getInvite() != null && mucUser.getInvite().getTo() != null) {
            invite(room, message, mucUser.getInvite().getTo());
            return;
        }
        if (message.getTo().hasResource()) {
            String hint = room.participantWithNick(message.getTo().getResourceOrThrow())
                    .map(a -> "; write to " + jids.toJid(a) + " instead").orElse("");
            bounce(message, StanzaError.Condition.feature_not_implemented,
                    "Private messages in this room are not supported" + hint);
            return;
        }
        if (!room.isJoinedBy(sender)) {
            bounce(message, StanzaError.Condition.not_acceptable, "Join the room before writing to it");
            return;
        }
        Optional<String> groupId = room.groupId();
        if (message.getBody() == null) {
            ChatStateExtension state = (ChatStateExtension) message.getExtension(ChatStateExtension.NAMESPACE);
            if (state != null && groupId.isPresent()) {
                withUser(room, u -> u.sendGroupChatState(groupId.get(),
                        ChatState.valueOf(state.getChatState().name().toUpperCase(Locale.ROOT))));
            }
            return;
        }
        if (groupId.isEmpty()) {
            bounce(message, StanzaError.Condition.not_acceptable,
                    "Nobody is in this conversation yet: invite a contact first");
            return;
        }
        Optional<BridgedUser> user = users.apply(room.owner().toString());
        if (user.isEmpty()) {
            bounceOffline(message, room.owner().toString());
            return;
        }
        String body = message.getBody();
        user.get().sendGroupMessage(groupId.get(), body).whenComplete((v, e) -> {
            synchronized (directory) {
                if (e != null) {
                    DeliveryFailure failure = asFailure(e);
                    bounce(message, condition(failure), failure.userText());
                } else {
                    room.reflect(message.getStanzaId(), body);
                }
            }
        });
    }

    private void invite(Room room, Message request, EntityBareJid contactJid) {
        Optional<LegacyAddress> contact = jids.toLegacy(contactJid);
        if (contact.isEmpty()) {
            bounce(request, StanzaError.Condition.jid_malformed, contactJid + " is not a contact JID of this transport");
            return;
        }
        LegacyAddress address = contact.get();
        Optional<BridgedUser> user = users.apply(room.owner().toString());
        if (user.isEmpty()) {
            bounceOffline(request, room.owner().toString());
        } else if (room.hasParticipant(address)) {
            room.notice(address + " is in this conversation already");
        } else if (room.isFull()) {
            bounce(request, StanzaError.Condition.resource_constraint,
                    "This room has " + limits.occupantsPerRoom() + " participants, the most there can be");
        } else if (room.groupId().isPresent()) {
            user.get().inviteToGroupChat(room.groupId().get(), address)
                    .whenComplete((v, e) -> inviteDone(room, request, address, e));
        } else if (room.opening().isPresent()) {
            if (!room.waitForOpen(new Room.PendingInvite(address, request))) {
                bounce(request, StanzaError.Condition.resource_constraint, "Too many invitations are waiting already");
            }
        } else {
            room.opening(address);
            user.get().openGroupChat(address).whenComplete((groupId, e) -> opened(room, request, address, groupId, e));
        }
    }

    private void opened(Room room, Message request, LegacyAddress first, String groupId, Throwable e) {
        synchronized (directory) {
            room.opening(null);
            Optional<BridgedUser> user = users.apply(room.owner().toString());
            if (e != null) {
                inviteFailed(room, request, first, e);
                for (Room.PendingInvite waiting : room.takeWaitingInvites()) {
                    inviteFailed(room, waiting.request(), waiting.contact(), e);
                }
                return;
            }
            if (!directory.contains(room)) {
                // the user left while it was being opened
                user.ifPresent(u -> u.leaveGroupChat(groupId));
                return;
            }
            if (room.groupId().isEmpty()) {
                directory.bind(room, groupId);
            }
            String name = user.flatMap(u -> u.contact(first)).map(c -> c.displayName()).orElse(first.value());
            if (!room.hasParticipant(first)) {
                room.addParticipant(new Participant(first, name));
            }
            for (Room.PendingInvite waiting : room.takeWaitingInvites()) {
                invite(room, waiting.request(), jids.toJid(waiting.contact()));
            }
        }
    }

    private void inviteDone(Room room, Message request, LegacyAddress contact, Throwable e) {
        if (e != null) {
            synchronized (directory) {
                inviteFailed(room, request, contact, e);
            }
        }
    }

    private void inviteFailed(Room room, Message request, LegacyAddress contact, Throwable e) {
        DeliveryFailure failure = asFailure(e);
        String text = "Could not invite " + contact + ": " + failure.userText();
        bounce(request, condition(failure), text);
        if (directory.contains(room)) {
            room.notice(text);
        }
    }

    private void withUser(Room room, java.util.function.Consumer<BridgedUser> action) {
        users.apply(room.owner().toString()).ifPresent(action);
    }

    private void bounce(Message message, StanzaError.Condition condition, String text) {
        sink.send(ErrorReplies.bounce(message, condition, text));
    }

    private static DeliveryFailure asFailure(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof DeliveryFailure d ? d
                : new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "it failed: " + t.getMessage());
    }

    private static StanzaError.Condition condition(DeliveryFailure failure) {
        return switch (failure.kind()) {
            case RECIPIENT_UNAVAILABLE -> StanzaError.Condition.recipient_unavailable;
            case TIMEOUT -> StanzaError.Condition.remote_server_timeout;
            case NOT_ACCEPTABLE -> StanzaError.Condition.not_acceptable;
            case UNSUPPORTED -> StanzaError.Condition.feature_not_implemented;
            case NOT_DELIVERED, SESSION_DOWN -> StanzaError.Condition.service_unavailable;
            case NOT_REGISTERED -> StanzaError.Condition.registration_required;
        };
    }
}
