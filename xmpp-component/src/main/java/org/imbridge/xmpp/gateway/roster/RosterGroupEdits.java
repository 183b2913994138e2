package org.imbridge.xmpp.gateway.roster;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.session.BridgedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user put a contact in other roster groups: the contact moves to the same groups on the legacy
 * network. Groups equal to the legacy ones change nothing, so an echo of the transport's own roster
 * push is harmless.
 */
public final class RosterGroupEdits {

    private static final Logger LOG = LoggerFactory.getLogger(RosterGroupEdits.class);

    private final Function<String, Optional<BridgedUser>> users;

    /** @param users the user's bridged session by bare JID */
    public RosterGroupEdits(Function<String, Optional<BridgedUser>> users) {
        this.users = users;
    }

    /**
     * @param userJid the user's bare JID
     * @param contact a contact on the user's legacy list (others are ignored)
     * @param groups  the roster groups the user now has the contact in
     */
    public void groupsChanged(String userJid, LegacyAddress contact, Set<String> groups) {
        Optional<BridgedUser> user = users.apply(userJid);
        Optional<Set<String>> legacy = user.flatMap(u -> u.contact(contact)).map(Contact::groups);
        if (legacy.isEmpty() || legacy.get().equals(groups)) {
            return;
        }
        user.get().setContactGroups(contact, Set.copyOf(groups)).whenComplete((v, e) -> {
            if (e != null) {
                LOG.info("{}: could not move {} to groups {}: {}", userJid, contact, groups, e.getMessage());
            }
        });
    }
}
