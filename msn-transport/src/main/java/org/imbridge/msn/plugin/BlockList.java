package org.imbridge.msn.plugin;

import java.util.LinkedHashSet;
import java.util.Set;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.SessionListener;
import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.protocol.ListType;

/**
 * The user's block list (BL, docs/msnp.md §5.1) as last reported: after the login it is only
 * remembered; from then on every difference becomes {@link SessionListener#onBlockListChanged},
 * whether another client of the user's, the server or this session made it. Reports under the
 * monitor so that they keep their order.
 */
final class BlockList {

    private final SessionListener listener;
    private Set<LegacyAddress> known = Set.of();

    BlockList(SessionListener listener) {
        this.listener = listener;
    }

    /** Remembers the list the login brought, without reporting it. */
    synchronized void reset(ContactList list) {
        known = blocked(list);
    }

    /** Reports what was blocked or unblocked since the last look. */
    synchronized void reportChanges(ContactList list) {
        Set<LegacyAddress> now = blocked(list);
        for (LegacyAddress a : now) {
            if (!known.contains(a)) {
                listener.onBlockListChanged(a, true);
            }
        }
        for (LegacyAddress a : known) {
            if (!now.contains(a)) {
                listener.onBlockListChanged(a, false);
            }
        }
        known = now;
    }

    static Set<LegacyAddress> blocked(ContactList list) {
        Set<LegacyAddress> out = new LinkedHashSet<>();
        for (org.imbridge.msn.client.Contact c : list.list(ListType.BL)) {
            out.add(LegacyAddress.of(c.handle()));
        }
        return Set.copyOf(out);
    }
}
