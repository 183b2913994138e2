package org.imbridge.msn.bridge;

import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * MSN states ⇄ presences (the design's table). In: NLN available; AWY, BRB, IDL away; LUN xa; BSY,
 * PHN dnd; HDN and FLN unavailable; the status text names the MSN state when it says more than the
 * show does. Out: available and chat → NLN, away → AWY, xa → IDL (like MSN's own "Idle", what a
 * client sets after longer inactivity), dnd → BSY.
 */
public final class MsnPresenceMapping {

    private MsnPresenceMapping() {
    }

    public static Presence toPresence(MsnStatus status) {
        return switch (status) {
            case NLN -> Presence.AVAILABLE;
            case AWY -> Presence.of(PresenceShow.AWAY);
            case BRB, IDL -> new Presence(PresenceShow.AWAY, status.description());
            case LUN -> new Presence(PresenceShow.XA, status.description());
            case BSY -> new Presence(PresenceShow.DND, status.description());
            case PHN -> new Presence(PresenceShow.DND, status.description());
            case HDN, FLN -> Presence.UNAVAILABLE;
        };
    }

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
