package org.imbridge.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * What the network tells about one contact, for the contact's vCard.
 *
 * @param address     the contact's account
 * @param displayName their display name (never null; the address when the network gives none)
 * @param phones      the phone numbers the contact shared, by kind; empty when none
 */
public record ContactCard(LegacyAddress address, String displayName, Map<PhoneKind, String> phones) {

    /** The kinds of phone number a network may tell. */
    public enum PhoneKind { HOME, WORK, MOBILE }

    public ContactCard {
        Objects.requireNonNull(address, "address");
        displayName = displayName == null || displayName.isBlank() ? address.value() : displayName;
        phones = Map.copyOf(phones);
    }
}
