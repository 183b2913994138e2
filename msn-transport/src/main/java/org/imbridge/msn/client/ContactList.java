package org.imbridge.msn.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.imbridge.msn.protocol.ListType;

/**
 * An immutable snapshot of an account's contact lists (docs/msnp.md §5): the contacts with their list
 * memberships, groups and presence, the list version, and the privacy settings. A new snapshot is
 * taken after every change; holding one never blocks the session.
 */
public final class ContactList {

    /** The list of an account that has not synchronised yet. */
    public static final ContactList EMPTY = new ContactList(0, Map.of(), new TreeMap<>(), PrivacyMode.AL,
            ReverseListPrompt.A, Map.of());

    private final long version;
    private final Map<String, Contact> contacts;
    private final SortedMap<Integer, String> groups;
    private final PrivacyMode privacyMode;
    private final ReverseListPrompt reverseListPrompt;
    private final Map<String, String> ownPhones;

    ContactList(long version, Map<String, Contact> contactsByKey, SortedMap<Integer, String> groups,
                PrivacyMode privacyMode, ReverseListPrompt reverseListPrompt, Map<String, String> ownPhones) {
        this.version = version;
        this.contacts = Collections.unmodifiableMap(new LinkedHashMap<>(contactsByKey));
        this.groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
        this.privacyMode = privacyMode;
        this.reverseListPrompt = reverseListPrompt;
        this.ownPhones = Map.copyOf(ownPhones);
    }

    /** The list version ("serial") the server last reported. */
    public long version() {
        return version;
    }

    /** Every contact on at least one list, in the order the server listed them. */
    public List<Contact> contacts() {
        return List.copyOf(contacts.values());
    }

    /** The contacts on {@code list}. */
    public List<Contact> list(ListType list) {
        return contacts.values().stream().filter(c -> c.isOn(list)).toList();
    }

    /** The contact with {@code handle} (compared ignoring case), if it is on any list. */
    public Optional<Contact> contact(String handle) {
        return Optional.ofNullable(contacts.get(key(handle)));
    }

    /** Group id to URL-decoded group name, ascending by id. */
    public SortedMap<Integer, String> groups() {
        return groups;
    }

    /** The BLP setting. */
    public PrivacyMode privacyMode() {
        return privacyMode;
    }

    /** The GTC setting. */
    public ReverseListPrompt reverseListPrompt() {
        return reverseListPrompt;
    }

    /** The account's own phone settings from PRP lines (PHH, PHW, PHM, MOB, MBE), values URL-decoded. */
    public Map<String, String> ownPhones() {
        return ownPhones;
    }

    @Override
    public String toString() {
        return "ContactList[version=" + version + ", contacts=" + contacts.size() + ", groups=" + groups.size()
                + ", blp=" + privacyMode + ", gtc=" + reverseListPrompt + "]";
    }

    static String key(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }
}
