package org.imbridge.msn.plugin;

import java.util.EnumMap;
import java.util.Map;

import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.msn.client.Contact;

/**
 * An FL entry as a {@link ContactCard}: its friendly name and the phone numbers the contact shared,
 * from the BPR lines after the entry (docs/msnp.md §5.3). {@code MOB} and {@code MBE} are flags about
 * MSN Mobile, not numbers, and are left out.
 */
final class ContactCards {

    private static final Map<String, ContactCard.PhoneKind> PHONES = Map.of(
            "PHH", ContactCard.PhoneKind.HOME,
            "PHW", ContactCard.PhoneKind.WORK,
            "PHM", ContactCard.PhoneKind.MOBILE);

    private ContactCards() {
    }

    static ContactCard of(Contact contact) {
        Map<ContactCard.PhoneKind, String> phones = new EnumMap<>(ContactCard.PhoneKind.class);
        contact.phones().forEach((key, value) -> {
            ContactCard.PhoneKind kind = PHONES.get(key);
            if (kind != null && value != null && !value.isBlank()) {
                phones.put(kind, value);
            }
        });
        return new ContactCard(LegacyAddress.of(contact.handle()), contact.friendlyName(), phones);
    }
}
