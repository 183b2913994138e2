package org.imbridge.msn.plugin;

import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * MSN states ⇄ presences (the design's table). In: NLN available; AWY, BRB, IDL away; LUN xa; BSY,
 * PHN dnd; HDN and FLN unavailable; every online state but NLN carries the name of the MSN state as
 * status text ("Be Right Back", "Idle", "Out to Lunch" …), so the user sees which one it is. Out:
 * available and chat → NLN, away → AWY, xa → IDL (MSN's own "Idle", what its client shows after long
 * inactivity, is the closest to extended away), dnd → BSY, unavailable → HDN (connected but invisible;
 * only losing the last resource logs out).
 */
public final class MsnPresenceMapping {

    private MsnPresenceMapping() {
    }

    /** The presence of a contact in {@code status}. */
    public static Presence toPresence(MsnStatus status) {
        return switch (status) {
            case NLN -> Presence.AVAILABLE;
            case AWY, BRB, IDL -> new Presence(PresenceShow.AWAY, status.description());
            case LUN -> new Presence(PresenceShow.XA, status.description());
            case BSY, PHN -> new Presence(PresenceShow.DND, status.description());
            case HDN, FLN -> Presence.UNAVAILABLE;
        };
    }

    /** The MSN status for the user's own {@code presence}. */
    public static MsnStatus toStatus(Presence presence) {
        return switch (presence.show()) {
            case AVAILABLE, CHAT -> MsnStatus.NLN;
            case AWAY -> MsnStatus.AWY;
            case XA -> MsnStatus.IDL;
            case DND -> MsnStatus.BSY;
            case UNAVAILABLE -> MsnStatus.HDN;
        };
    }
}
