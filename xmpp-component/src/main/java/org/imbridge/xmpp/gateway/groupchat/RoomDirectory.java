package org.imbridge.xmpp.gateway.groupchat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;

/**
 * Every room, by JID and by its owner's group id. Room JIDs are unique across users, so that a room
 * can never be entered by someone other than its owner by choosing its name. Not thread-safe.
 */
final class RoomDirectory {

    private final Map<EntityBareJid, Room> byJid = new HashMap<>();
    private final Map<GroupKey, Room> byGroup = new HashMap<>();

    private record GroupKey(BareJid owner, String groupId) {
    }

    Optional<Room> get(EntityBareJid jid) {
        return Optional.ofNullable(byJid.get(jid));
    }

    boolean contains(Room room) {
        return byJid.get(room.jid()) == room;
    }

    boolean inUse(EntityBareJid jid) {
        return byJid.containsKey(jid);
    }

    Optional<Room> byGroup(BareJid owner, String groupId) {
        return Optional.ofNullable(byGroup.get(new GroupKey(owner, groupId)));
    }

    List<Room> of(BareJid owner) {
        return byJid.values().stream().filter(r -> r.owner().equals(owner)).toList();
    }

    int count(BareJid owner) {
        return (int) byJid.values().stream().filter(r -> r.owner().equals(owner)).count();
    }

    void add(Room room) {
        byJid.put(room.jid(), room);
        room.groupId().ifPresent(g -> byGroup.put(new GroupKey(room.owner(), g), room));
    }

    void bind(Room room, String groupId) {
        room.bind(groupId);
        byGroup.put(new GroupKey(room.owner(), groupId), room);
    }

    void remove(Room room) {
        byJid.remove(room.jid(), room);
        room.groupId().ifPresent(g -> byGroup.remove(new GroupKey(room.owner(), g), room));
    }
}
