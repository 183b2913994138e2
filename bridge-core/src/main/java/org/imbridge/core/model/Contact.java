package org.imbridge.core.model;

import java.util.Objects;
import java.util.Set;

/**
 * A contact on the user's legacy contact list.
 *
 * @param address     the contact's legacy account
 * @param displayName the name to show (the contact's friendly name), never null
 * @param groups      group names the contact is in; empty for none
 * @param presence    the contact's current presence
 */
public record Contact(LegacyAddress address, String displayName, Set<String> groups, Presence presence) {

    public Contact {
        Objects.requireNonNull(address, "address");
        displayName = displayName == null || displayName.isBlank() ? address.value() : displayName;
        groups = Set.copyOf(groups);
        Objects.requireNonNull(presence, "presence");
    }

    public Contact withPresence(Presence newPresence) {
        return new Contact(address, displayName, groups, newPresence);
    }

    public Contact withDisplayName(String name) {
        return new Contact(address, name, groups, presence);
    }
}
