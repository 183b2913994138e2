package org.imbridge.xmpp.gateway.groupchat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * One room: one group conversation as one user sees it. Keeps the participants and their nicks, the
 * user's resources that joined, and what arrived before the user joined; sends what XEP-0045 says an
 * occupant gets. Not thread-safe: {@link GroupChatRooms} serialises every call.
 */
final class Room {

    private final EntityBareJid jid;
    private final BareJid owner;
    /** Opened by the user from XMPP (they own it) rather than started on the legacy network. */
    private final boolean userCreated;
    private final RoomLimits limits;
    private final JidMapping jids;
    private final StanzaSink sink;
    private final Nicknames nicks = new Nicknames();
    private final Map<LegacyAddress, Participant> participants = new LinkedHashMap<>();
    private final Set<EntityFullJid> joined = new LinkedHashSet<>();
    private final Backlog backlog;
    private String groupId;
    /** The contact whose {@code openGroupChat} is under way, while the room waits for its group id. */
    private LegacyAddress opening;
    /** Invitations the user sent while the conversation was being opened; sent once it is. */
    private final List<PendingInvite> waitingInvites = new ArrayList<>();

    /** An invitation of the user's waiting for the conversation to open; {@code request} is the stanza. */
    record PendingInvite(LegacyAddress contact, org.jivesoftware.smack.packet.Message request) {
    }

    Room(EntityBareJid jid, BareJid owner, boolean userCreated, RoomLimits limits, JidMapping jids, StanzaSink sink) {
        this.jid = jid;
        this.owner = owner;
        this.userCreated = userCreated;
        this.limits = limits;
        this.jids = jids;
        this.sink = sink;
        this.backlog = new Backlog(limits.queuedPerRoom());
    }

    EntityBareJid jid() {
        return jid;
    }

    BareJid owner() {
        return owner;
    }

    /** The legacy conversation behind the room; empty while the user has invited nobody yet. */
    Optional<String> groupId() {
        return Optional.ofNullable(groupId);
    }

    void bind(String id) {
        this.groupId = id;
    }

    Optional<LegacyAddress> opening() {
        return Optional.ofNullable(opening);
    }

    void opening(LegacyAddress first) {
        this.opening = first;
    }

    /** @return false when too many invitations wait already */
    boolean waitForOpen(PendingInvite invite) {
        if (waitingInvites.size() >= limits.occupantsPerRoom()) {
            return false;
        }
        waitingInvites.add(invite);
        return true;
    }

    /** The invitations that waited for the conversation to open; none wait afterwards. */
    List<PendingInvite> takeWaitingInvites() {
        List<PendingInvite> all = List.copyOf(waitingInvites);
        waitingInvites.clear();
        return all;
    }

    boolean userCreated() {
        return userCreated;
    }

    boolean isJoined() {
        return !joined.isEmpty();
    }

    boolean isJoinedBy(EntityFullJid resource) {
        return joined.contains(resource);
    }

    boolean hasParticipant(LegacyAddress address) {
        return participants.containsKey(address);
    }

    boolean isFull() {
        return participants.size() >= limits.occupantsPerRoom();
    }

    Optional<LegacyAddress> participantWithNick(Resourcepart nick) {
        return nicks.participant(nick);
    }

    Optional<Resourcepart> userNick() {
        return nicks.user();
    }

    /** Who is in it, for disco and notices: {@code "Bob, Carol"}, or a generic name while empty. */
    String title() {
        return participants.isEmpty() ? "Group conversation"
                : participants.values().stream().map(Participant::displayName).collect(Collectors.joining(", "));
    }

    /** @return false when the room is full and {@code participant} was not added */
    boolean addParticipant(Participant participant) {
        if (participants.containsKey(participant.address())) {
            return true;
        }
        if (isFull()) {
            return false;
        }
        participants.put(participant.address(), participant);
        Resourcepart nick = nicks.assign(participant.address(), participant.displayName());
        for (EntityFullJid to : joined) {
            sink.send(RoomStanzas.occupantPresent(jid, nick, to, jids.toJid(participant.address())));
        }
        return true;
    }

    void removeParticipant(LegacyAddress address, String why) {
        if (participants.remove(address) == null) {
            return;
        }
        nicks.remove(address).ifPresent(nick -> {
            for (EntityFullJid to : joined) {
                sink.send(RoomStanzas.occupantGone(jid, nick, to, jids.toJid(address), why));
            }
        });
    }

    void participantMessage(LegacyAddress from, String displayName, String text) {
        Resourcepart nick = nicks.of(from).orElseGet(() -> nicks.assign(from, displayName));
        if (joined.isEmpty()) {
            backlog.add(new Backlog.Entry(nick, text, Instant.now()));
            return;
        }
        for (EntityFullJid to : joined) {
            sink.send(RoomStanzas.groupMessage(jid, nick, to, null, text, null));
        }
    }

    /** Typing is only worth showing live: dropped while the user is not in the room. */
    void participantChatState(LegacyAddress from, ChatState state) {
        nicks.of(from).ifPresent(nick -> {
            for (EntityFullJid to : joined) {
                sink.send(RoomStanzas.chatState(jid, nick, to, state));
            }
        });
    }

    /**
     * A resource of the user enters: everyone's presence, then the user's own, then what waited, then
     * the subject (XEP-0045 §7.2).
     */
    void join(EntityFullJid resource, Resourcepart wanted, boolean created) {
        Resourcepart nick = nicks.assignUser(wanted);
        joined.add(resource);
        for (LegacyAddress address : participants.keySet()) {
            nicks.of(address).ifPresent(n -> sink.send(RoomStanzas.occupantPresent(jid, n, resource, jids.toJid(address))));
        }
        List<Integer> codes = new ArrayList<>(List.of(RoomStanzas.NON_ANONYMOUS));
        if (created) {
            codes.add(RoomStanzas.CREATED);
        }
        if (!nick.equals(wanted)) {
            codes.add(RoomStanzas.NICK_CHANGED);
        }
        sink.send(RoomStanzas.self(jid, nick, resource, resource, userCreated, Presence.Type.available, codes));
        int dropped = backlog.dropped();
        for (Backlog.Entry entry : backlog.drain()) {
            sink.send(RoomStanzas.groupMessage(jid, entry.nick(), resource, null, entry.text(), Date.from(entry.at())));
        }
        if (dropped > 0) {
            sink.send(RoomStanzas.roomNotice(jid, resource, dropped + " earlier message" + (dropped == 1 ? " was" : "s were")
                    + " not kept while you were not in the room"));
        }
        sink.send(RoomStanzas.subject(jid, resource));
    }

    /** A joined resource sent presence again (a status change): it gets its own presence back. */
    void presenceUpdate(EntityFullJid resource) {
        nicks.user().ifPresent(nick -> sink.send(RoomStanzas.self(jid, nick, resource, resource, userCreated,
                Presence.Type.available, List.of(RoomStanzas.NON_ANONYMOUS))));
    }

    /** @return true when no resource of the user is in the room any more */
    boolean leave(EntityFullJid resource) {
        if (joined.remove(resource)) {
            nicks.user().ifPresent(nick -> sink.send(RoomStanzas.self(jid, nick, resource, resource, userCreated,
                    Presence.Type.unavailable, List.of())));
        }
        return joined.isEmpty();
    }

    /** The user's own message, back to every resource in the room with the id it had (XEP-0045 §7.4). */
    void reflect(String id, String text) {
        nicks.user().ifPresent(nick -> {
            for (EntityFullJid to : joined) {
                sink.send(RoomStanzas.groupMessage(jid, nick, to, id, text, null));
            }
        });
    }

    /** Something the user should know about the room: in it if they are there, as a headline otherwise. */
    void notice(String text) {
        if (joined.isEmpty()) {
            sink.send(RoomStanzas.headline(jid, owner, text));
        }
        for (EntityFullJid to : joined) {
            sink.send(RoomStanzas.roomNotice(jid, to, text));
        }
    }

    /** The room is gone: everyone in it is told (XEP-0045 §10.9), and the user is told why. */
    void destroy(String reason) {
        String text = "The group conversation with " + title() + " ended: " + reason;
        nicks.user().ifPresent(nick -> {
            for (EntityFullJid to : joined) {
                sink.send(RoomStanzas.destroyed(jid, nick, to, to, userCreated, reason));
            }
        });
        joined.clear();
        sink.send(RoomStanzas.headline(jid, owner, text));
    }

    /** The user's resources in the room. */
    Set<EntityFullJid> joined() {
        return Set.copyOf(joined);
    }

    int queued() {
        return backlog.size();
    }
}
