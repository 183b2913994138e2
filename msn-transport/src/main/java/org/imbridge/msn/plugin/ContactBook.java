package org.imbridge.msn.plugin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.SessionListener;
import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.protocol.ListType;

/**
 * The user's forward list as bridge {@link Contact}s: friendly names (already URL-decoded by the
 * client), MSN group names, presence. Reports the whole list once, then what changed: added or
 * renamed or regrouped contacts, removed contacts. Presence changes travel separately; a new
 * friendly name seen in ILN / NLN is reported as an update. Thread-safe;
 * reports under the monitor so that they keep their order.
 */
final class ContactBook {

    private final SessionListener listener;
    private Map<LegacyAddress, Contact> known = Map.of();

    ContactBook(SessionListener listener) {
        this.listener = listener;
    }

    /** Reports the complete list (after login). */
    synchronized void reportAll(ContactList list) {
        known = contacts(list);
        listener.onContactList(List.copyOf(known.values()));
    }

    /** Reports the differences between {@code list} and what was reported before. */
    synchronized void reportChanges(ContactList list) {
        Map<LegacyAddress, Contact> now = contacts(list);
        for (Contact c : now.values()) {
            Contact before = known.get(c.address());
            if (before == null || !before.displayName().equals(c.displayName()) || !before.groups().equals(c.groups())) {
                listener.onContactUpdated(c);
            }
        }
        for (LegacyAddress gone : known.keySet()) {
            if (!now.containsKey(gone)) {
                listener.onContactRemoved(gone);
            }
        }
        known = now;
    }

    /** Reports a contact's new friendly name (from ILN / NLN); nothing when the name did not change. */
    synchronized void reportName(LegacyAddress address, String friendlyName, Presence presence) {
        Contact before = known.get(address);
        if (before == null || friendlyName == null || friendlyName.isBlank() || before.displayName().equals(friendlyName)) {
            return;
        }
        Contact renamed = new Contact(address, friendlyName, before.groups(), presence);
        Map<LegacyAddress, Contact> now = new LinkedHashMap<>(known);
        now.put(address, renamed);
        known = now;
        listener.onContactUpdated(renamed);
    }

    /** The forward list of {@code list}, in the server's order. */
    static Map<LegacyAddress, Contact> contacts(ContactList list) {
        Map<LegacyAddress, Contact> out = new LinkedHashMap<>();
        for (org.imbridge.msn.client.Contact c : list.list(ListType.FL)) {
            Contact contact = new Contact(LegacyAddress.of(c.handle()), c.friendlyName(), groupNames(list, c.groupIds()),
                    MsnPresenceMapping.toPresence(c.status()));
            out.put(contact.address(), contact);
        }
        return out;
    }

    /**
     * Group names of an FL entry. Group 0 ("Other Contacts", docs/msnp.md §5.3) is a real group only when
     * the user has created others; alone it means "no group".
     */
    private static Set<String> groupNames(ContactList list, List<Integer> ids) {
        Set<String> names = new LinkedHashSet<>();
        boolean onlyDefaultGroup = list.groups().keySet().stream().allMatch(id -> id == 0);
        for (Integer id : ids) {
            String name = list.groups().get(id);
            if (name != null && !(id == 0 && onlyDefaultGroup)) {
                names.add(name);
            }
        }
        return names;
    }
}
