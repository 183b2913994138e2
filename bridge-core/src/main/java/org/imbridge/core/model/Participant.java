package org.imbridge.core.model;

import java.util.Objects;

/**
 * Someone in a group conversation on the legacy network, as the network names them.
 *
 * @param address     their account
 * @param displayName their display name there (never null; the address when the network gives none)
 */
public record Participant(LegacyAddress address, String displayName) {

    public Participant {
        Objects.requireNonNull(address, "address");
        displayName = displayName == null || displayName.isBlank() ? address.value() : displayName;
    }
}
