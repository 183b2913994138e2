package org.imbridge.xmpp.gateway.groupchat;

import java.util.Locale;
import java.util.function.Predicate;

import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Room JIDs: {@code <name>@<transport>} with a local part that has no {@code %} (contact JIDs always
 * have one). A room for a legacy conversation is named after its group id, made a safe local part.
 */
final class RoomNames {

    private static final int MAX_LENGTH = 64;

    private final DomainBareJid transport;

    RoomNames(DomainBareJid transport) {
        this.transport = transport;
    }

    /** True when {@code jid} (bare or with a nick) can be a room of this transport. */
    boolean isRoomJid(Jid jid) {
        return jid != null && jid.hasLocalpart() && jid.getDomain().equals(transport)
                && jid.getLocalpartOrThrow().toString().indexOf('%') < 0;
    }

    /** A free room JID for the conversation {@code groupId}; {@code inUse} says which names are taken. */
    EntityBareJid forGroup(String groupId, Predicate<EntityBareJid> inUse) {
        String base = safe(groupId);
        EntityBareJid candidate = jid(base);
        for (int n = 2; inUse.test(candidate); n++) {
            candidate = jid(base + "-" + n);
        }
        return candidate;
    }

    private EntityBareJid jid(String local) {
        return JidCreate.entityBareFromOrThrowUnchecked(local + "@" + transport);
    }

    static String safe(String groupId) {
        StringBuilder local = new StringBuilder();
        for (char c : groupId.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
            local.append(plain ? c : '_');
            if (local.length() == MAX_LENGTH) {
                break;
            }
        }
        return local.length() == 0 ? "group" : local.toString();
    }
}
