package org.imbridge.xmpp.gateway.mapping;

import org.imbridge.core.model.PresenceShow;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.Jid;

/** XMPP presence ⇄ the bridge's presence. */
public final class PresenceMapping {

    private PresenceMapping() {
    }

    /** An available or unavailable XMPP presence as the bridge's presence. */
    public static org.imbridge.core.model.Presence fromXmpp(Presence presence) {
        if (presence.getType() != Presence.Type.available) {
            return org.imbridge.core.model.Presence.UNAVAILABLE;
        }
        PresenceShow show = switch (presence.getMode() == null ? Presence.Mode.available : presence.getMode()) {
            case chat -> PresenceShow.CHAT;
            case away -> PresenceShow.AWAY;
            case xa -> PresenceShow.XA;
            case dnd -> PresenceShow.DND;
            default -> PresenceShow.AVAILABLE;
        };
        return new org.imbridge.core.model.Presence(show, presence.getStatus());
    }

    /** The XMPP presence {@code from} sends {@code to} for the bridge's presence. */
    public static Presence toXmpp(org.imbridge.core.model.Presence presence, Jid from, Jid to) {
        PresenceBuilder builder = StanzaBuilder.buildPresence().from(from).to(to);
        if (!presence.isOnline()) {
            builder.ofType(Presence.Type.unavailable);
        } else {
            builder.ofType(Presence.Type.available);
            Presence.Mode mode = switch (presence.show()) {
                case CHAT -> Presence.Mode.chat;
                case AWAY -> Presence.Mode.away;
                case XA -> Presence.Mode.xa;
                case DND -> Presence.Mode.dnd;
                default -> null;
            };
            if (mode != null) {
                builder.setMode(mode);
            }
        }
        if (presence.status() != null && !presence.status().isBlank()) {
            builder.setStatus(presence.status());
        }
        return builder.build();
    }
}
