package org.imbridge.msnserver.switchboard;

import java.util.HashMap;
import java.util.Map;

import org.imbridge.msnserver.wire.ServerContext;

/** The open switchboard sessions by id. Lock held. */
final class RoomRegistry {

    private final ServerContext context;
    private final Map<String, Room> rooms = new HashMap<>();

    RoomRegistry(ServerContext context) {
        this.context = context;
    }

    /** A new, empty room with a fresh 8-digit session id. */
    Room create() {
        String id;
        do {
            id = (1 + context.between(0, 8)) + context.digits(7);
        } while (rooms.containsKey(id));
        Room room = new Room(id);
        rooms.put(id, room);
        return room;
    }

    Room find(String sessionId) {
        return rooms.get(sessionId);
    }

    void remove(Room room) {
        rooms.remove(room.sessionId(), room);
    }

    int count() {
        return rooms.size();
    }
}
