package org.imbridge.xmpp.gateway.groupchat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.imbridge.core.model.LegacyAddress;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The nicknames of a room: each participant's from their display name, the user's as they asked; all
 * unique (case-insensitively), a clash resolved by appending {@code " (2)"}, {@code " (3)"}...
 */
final class Nicknames {

    /** Long display names (MSN allows several hundred characters) are cut to keep nicks readable. */
    static final int MAX_LENGTH = 48;

    private final Map<LegacyAddress, Resourcepart> participants = new LinkedHashMap<>();
    private final Map<String, LegacyAddress> taken = new HashMap<>();
    private Resourcepart user;

    /** Gives {@code address} a nick made from {@code displayName}; its existing one if it has one. */
    Resourcepart assign(LegacyAddress address, String displayName) {
        Resourcepart existing = participants.get(address);
        if (existing != null) {
            return existing;
        }
        Resourcepart nick = unique(base(displayName, address.value()));
        participants.put(address, nick);
        taken.put(key(nick), address);
        return nick;
    }

    /** The user's nick: {@code wanted} unless a participant has it, then a variant of it. */
    Resourcepart assignUser(Resourcepart wanted) {
        if (user == null) {
            user = unique(base(wanted.toString(), "me"));
        }
        return user;
    }

    Optional<Resourcepart> user() {
        return Optional.ofNullable(user);
    }

    Optional<Resourcepart> of(LegacyAddress address) {
        return Optional.ofNullable(participants.get(address));
    }

    /** The participant with that nick, if any. */
    Optional<LegacyAddress> participant(Resourcepart nick) {
        return Optional.ofNullable(taken.get(key(nick)));
    }

    Optional<Resourcepart> remove(LegacyAddress address) {
        Resourcepart nick = participants.remove(address);
        if (nick != null) {
            taken.remove(key(nick));
        }
        return Optional.ofNullable(nick);
    }

    private Resourcepart unique(Resourcepart base) {
        Resourcepart candidate = base;
        for (int n = 2; isTaken(candidate); n++) {
            candidate = Resourcepart.fromOrThrowUnchecked(base + " (" + n + ")");
        }
        return candidate;
    }

    private boolean isTaken(Resourcepart nick) {
        return taken.containsKey(key(nick)) || user != null && key(user).equals(key(nick));
    }

    private static Resourcepart base(String wanted, String fallback) {
        String text = wanted == null ? "" : wanted.replaceAll("\\p{Cntrl}", "").strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH).strip();
        }
        for (String candidate : new String[] {text, fallback}) {
            if (!candidate.isEmpty()) {
                try {
                    return Resourcepart.from(candidate);
                } catch (XmppStringprepException e) {
                    // not a valid resource part (control characters...): try the next
                }
            }
        }
        return Resourcepart.fromOrThrowUnchecked("participant");
    }

    private static String key(Resourcepart nick) {
        return nick.toString().toLowerCase(Locale.ROOT);
    }
}
