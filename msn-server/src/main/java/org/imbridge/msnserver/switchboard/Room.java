package org.imbridge.msnserver.switchboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imbridge.msnserver.ticket.Ticket;

/**
 * One switchboard session: its id (the {@code sessid} of RNG / ANS), the participants in the order
 * they joined, and the invitations not yet answered. Lock held.
 */
final class Room {

    private final String sessionId;
    private final Map<String, SwitchboardConnection> participants = new LinkedHashMap<>();
    private final Map<String, Ticket> invitations = new HashMap<>();

    Room(String sessionId) {
        this.sessionId = sessionId;
    }

    String sessionId() {
        return sessionId;
    }

    boolean isPresent(String handle) {
        return participants.containsKey(handle);
    }

    List<SwitchboardConnection> participants() {
        return new ArrayList<>(participants.values());
    }

    /** Everyone but {@code self}. */
    List<SwitchboardConnection> others(SwitchboardConnection self) {
        List<SwitchboardConnection> out = new ArrayList<>();
        for (SwitchboardConnection c : participants.values()) {
            if (c != self) {
                out.add(c);
            }
        }
        return out;
    }

    void add(SwitchboardConnection c) {
        participants.put(c.handle(), c);
    }

    boolean remove(SwitchboardConnection c) {
        return participants.remove(c.handle(), c);
    }

    boolean isEmpty() {
        return participants.isEmpty();
    }

    Ticket invitation(String handle) {
        return invitations.get(handle);
    }

    void invite(Ticket ticket) {
        invitations.put(ticket.handle(), ticket);
    }

    void invitationUsed(Ticket ticket) {
        invitations.remove(ticket.handle(), ticket);
    }

    List<Ticket> invitations() {
        return new ArrayList<>(invitations.values());
    }
}
