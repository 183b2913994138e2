package org.imbridge.xmpp.gateway.groupchat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.BareJid;

/**
 * The rooms of all users. Legacy group events arrive here (from the bridge output) and turn into room
 * stanzas; {@link #accept} takes the stanzas users send to room JIDs. One lock for everything: room
 * traffic is light, and a single order of events per room is what XEP-0045 needs.
 */
public final class GroupChatRooms {

    private final JidMapping jids;
    private final StanzaSink sink;
    private final RoomLimits limits;
    private final RoomNames names;
    private final RoomDirectory directory = new RoomDirectory();
    private final Function<String, Optional<BridgedUser>> users;
    private final RoomRequests requests;

    /**
     * @param users the bridged user of a bare JID, if they have a session (looked up at each use)
     */
    public GroupChatRooms(JidMapping jids, StanzaSink sink, RoomLimits limits,
                          Function<String, Optional<BridgedUser>> users) {
        this(jids, sink, limits, users, OfflineReasons.NOT_CONNECTED);
    }

    /**
     * @param users   the bridged user of a bare JID, if they have a session (looked up at each use)
     * @param offline what to tell a user without a session (not connected, or not registered)
     */
    public GroupChatRooms(JidMapping jids, StanzaSink sink, RoomLimits limits,
                          Function<String, Optional<BridgedUser>> users, OfflineReasons offline) {
        this.jids = jids;
        this.sink = sink;
        this.limits = limits;
        this.users = users;
        this.names = new RoomNames(jids.transport());
        this.requests = new RoomRequests(jids, sink, limits, names, directory, users, offline);
    }

    /** The features a room has, for the transport's own disco#info too. */
    public static String mucNamespace() {
        return RoomIqs.MUC;
    }

    /** @return true when {@code stanza} was for a room (it has been dealt with) */
    public boolean accept(Stanza stanza) {
        synchronized (directory) {
            return requests.accept(stanza);
        }
    }

    public void started(String userJid, String groupId, List<Participant> participants) {
        synchronized (directory) {
            BareJid owner = jids.user(userJid);
            Optional<Room> existing = directory.byGroup(owner, groupId).or(() -> openedByUser(owner, groupId, participants));
            if (existing.isPresent()) {
                participants.forEach(p -> add(existing.get(), p));
                return;
            }
            String who = names(participants);
            if (directory.count(owner) >= limits.roomsPerUser()) {
                users.apply(userJid).ifPresent(u -> u.leaveGroupChat(groupId));
                sink.send(StanzaBuilder.buildMessage().ofType(Message.Type.headline).from(jids.transport()).to(owner)
                        .setBody("A group conversation with " + who + " began, but you are in "
                                + limits.roomsPerUser() + " already, the most there can be; it was left").build());
                return;
            }
            Room room = new Room(names.forGroup(groupId, directory::inUse), owner, false, limits, jids, sink);
            room.bind(groupId);
            directory.add(room);
            participants.forEach(p -> add(room, p));
            String reason = "A group conversation with " + who;
            BareJid inviter = participants.isEmpty() ? jids.transport() : jids.toJid(participants.get(0).address());
            sink.send(RoomStanzas.directInvitation(room.jid(), inviter, owner, reason));
            sink.send(RoomStanzas.mediatedInvitation(room.jid(), inviter, owner, reason));
        }
    }

    /** A room the user opened whose first contact is among {@code participants}, not yet bound. */
    private Optional<Room> openedByUser(BareJid owner, String groupId, List<Participant> participants) {
        Optional<Room> room = directory.of(owner).stream()
                .filter(r -> r.groupId().isEmpty() && r.opening().isPresent())
                .filter(r -> participants.stream().anyMatch(p -> p.address().equals(r.opening().get())))
                .findFirst();
        room.ifPresent(r -> directory.bind(r, groupId));
        return room;
    }

    private void add(Room room, Participant participant) {
        if (!room.addParticipant(participant)) {
            room.notice(participant.displayName() + " joined, but the room shows at most " + limits.occupantsPerRoom()
                    + " participants; their messages still arrive");
        }
    }

    public void participantJoined(String userJid, String groupId, Participant participant) {
        withRoom(userJid, groupId, room -> add(room, participant));
    }

    public void participantLeft(String userJid, String groupId, LegacyAddress participant, boolean idle) {
        withRoom(userJid, groupId, room -> room.removeParticipant(participant, idle ? "Left after being idle" : null));
    }

    public void message(String userJid, String groupId, LegacyAddress from, String text) {
        withRoom(userJid, groupId, room -> room.participantMessage(from, displayName(userJid, from), text));
    }

    public void chatState(String userJid, String groupId, LegacyAddress from, ChatState state) {
        withRoom(userJid, groupId, room -> room.participantChatState(from,
                org.jivesoftware.smackx.chatstates.ChatState.valueOf(state.name().toLowerCase(Locale.ROOT))));
    }

    public void ended(String userJid, String groupId, String reason) {
        withRoom(userJid, groupId, room -> {
            room.destroy(reason);
            directory.remove(room);
        });
    }

    /** The user's legacy session is down: every room of theirs is over. */
    public void sessionDown(String userJid, String reason) {
        synchronized (directory) {
            for (Room room : directory.of(jids.user(userJid))) {
                room.destroy(reason);
                directory.remove(room);
            }
        }
    }

    private void withRoom(String userJid, String groupId, java.util.function.Consumer<Room> action) {
        synchronized (directory) {
            directory.byGroup(jids.user(userJid), groupId).ifPresent(action);
        }
    }

    private String displayName(String userJid, LegacyAddress address) {
        return users.apply(userJid).flatMap(u -> u.contact(address)).map(c -> c.displayName()).orElse(address.value());
    }

    private static String names(List<Participant> participants) {
        return participants.isEmpty() ? "nobody yet"
                : String.join(", ", participants.stream().map(Participant::displayName).toList());
    }
}
