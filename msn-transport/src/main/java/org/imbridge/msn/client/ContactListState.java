package org.imbridge.msn.client;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * The mutable contact lists of one session, fed by LST, LSG, ADD, REM, REA, BPR, PRP, GTC, BLP and
 * presence lines, read as immutable {@link ContactList} snapshots. Presence is kept apart from list
 * membership, so an ILN that overtakes the list retrieval is not lost. Thread-safe.
 */
final class ContactListState {

    private static final class Entry {
        final String handle;
        String friendlyName;
        final EnumSet<ListType> lists = EnumSet.noneOf(ListType.class);
        final TreeSet<Integer> groups = new TreeSet<>();
        final Map<String, String> phones = new LinkedHashMap<>();

        Entry(String handle, String friendlyName) {
            this.handle = handle;
            this.friendlyName = friendlyName;
        }
    }

    private record Presence(MsnStatus status, String friendlyName) {
    }

    /**
     * Handles on all lists together that a session keeps; MSN's own lists hold a few hundred, so a server
     * sending more is flooding ({@link NotificationConnection} closes the session). Also bounds the cost
     * of each snapshot reported on a change.
     */
    static final int MAX_ENTRIES = 2_000;

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Presence> presence = new HashMap<>();
    private final SortedMap<Integer, String> groups = new TreeMap<>();
    private final Map<String, String> ownPhones = new LinkedHashMap<>();
    private long version;
    private PrivacyMode privacyMode = PrivacyMode.AL;
    private ReverseListPrompt reverseListPrompt = ReverseListPrompt.A;
    private String lastForwardHandle;
    /** Set when the lists are in: from then on presence is kept only for listed handles. */
    private boolean complete;

    /** The lists are in: presences of handles on none of them are dropped, now and from now on. */
    synchronized void complete() {
        complete = true;
        presence.keySet().retainAll(entries.keySet());
    }

    synchronized boolean isComplete() {
        return complete;
    }

    synchronized boolean isListed(String handle) {
        return entries.containsKey(ContactList.key(handle));
    }

    /** True when {@code handle} is not listed yet and there is no room for another entry. */
    synchronized boolean wouldOverflow(String handle) {
        return entries.size() >= MAX_ENTRIES && !entries.containsKey(ContactList.key(handle));
    }

    synchronized int presenceCount() {
        return presence.size();
    }

    synchronized void version(long newVersion) {
        version = newVersion;
    }

    /** An {@code LST} entry. */
    synchronized void listed(ListType list, long newVersion, String handle, String friendlyName, List<Integer> groupIds) {
        version = newVersion;
        Entry e = entry(handle, friendlyName);
        e.lists.add(list);
        if (list == ListType.FL) {
            e.friendlyName = friendlyName;
            e.groups.addAll(groupIds);
            lastForwardHandle = e.handle;
        }
    }

    /**
     * An {@code ADD} reply or notice. Without a group, an FL addition lands in {@code defaultGroup}
     * when the dialect has groups (MSNP7: group 0), else in none.
     */
    synchronized void added(ListType list, long newVersion, String handle, String friendlyName, Integer group,
                            Integer defaultGroup) {
        version = newVersion;
        Entry e = entry(handle, friendlyName);
        e.lists.add(list);
        if (list == ListType.FL) {
            e.friendlyName = friendlyName;
            if (group != null) {
                e.groups.add(group);
            } else if (e.groups.isEmpty() && defaultGroup != null) {
                e.groups.add(defaultGroup);
            }
        }
    }

    /** A {@code REM} reply or notice; with a group, only that FL group membership goes. */
    synchronized void removed(ListType list, long newVersion, String handle, Integer group) {
        version = newVersion;
        Entry e = entries.get(ContactList.key(handle));
        if (e == null) {
            return;
        }
        if (list == ListType.FL && group != null) {
            e.groups.remove(group);
            return;
        }
        e.lists.remove(list);
        if (list == ListType.FL) {
            e.groups.clear();
        }
        if (e.lists.isEmpty()) {
            entries.remove(ContactList.key(handle));
            presence.remove(ContactList.key(handle));
        }
    }

    /** A {@code REA} for a contact. */
    synchronized void renamed(long newVersion, String handle, String friendlyName) {
        version = newVersion;
        Entry e = entries.get(ContactList.key(handle));
        if (e != null) {
            e.friendlyName = friendlyName;
        }
    }

    /**
     * ILN, NLN or FLN. Returns the name to report: the one given, else the last known one, else the
     * handle.
     */
    synchronized String presence(String handle, MsnStatus status, String friendlyName) {
        String key = ContactList.key(handle);
        Entry e = entries.get(key);
        Presence before = presence.get(key);
        String name = friendlyName;
        if (name == null) {
            name = e != null ? e.friendlyName : before != null ? before.friendlyName : handle;
        } else if (e != null) {
            e.friendlyName = name;
        }
        presence.put(key, new Presence(status, name));
        return name;
    }

    synchronized void contactPhone(long newVersion, String handle, String key, String value) {
        version = Math.max(version, newVersion);
        Entry e = entries.get(ContactList.key(handle));
        if (e != null) {
            e.phones.put(key, value);
        }
    }

    synchronized void ownPhone(long newVersion, String key, String value) {
        version = newVersion;
        ownPhones.put(key, value);
    }

    /** LSG, ADG or REG: a group exists with this name. */
    synchronized void group(long newVersion, int id, String name) {
        version = newVersion;
        groups.put(id, name);
    }

    /** RMG: the group goes, and so do FL entries that were only in it (reference §5.7). */
    synchronized void groupRemoved(long newVersion, int id) {
        version = newVersion;
        groups.remove(id);
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.groups.remove(id) && e.groups.isEmpty()) {
                e.lists.remove(ListType.FL);
                if (e.lists.isEmpty()) {
                    it.remove();
                    presence.remove(ContactList.key(e.handle));
                }
            }
        }
    }

    synchronized void privacyMode(long newVersion, PrivacyMode mode) {
        version = newVersion;
        privacyMode = mode;
    }

    synchronized void reverseListPrompt(long newVersion, ReverseListPrompt prompt) {
        version = newVersion;
        reverseListPrompt = prompt;
    }

    /** The handle of the last FL entry listed; Escargot's BPR lines omit the handle and mean this one. */
    synchronized String lastForwardHandle() {
        return lastForwardHandle;
    }

    synchronized ContactList snapshot() {
        Map<String, Contact> contacts = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            Presence p = presence.get(me.getKey());
            contacts.put(me.getKey(), new Contact(e.handle, e.friendlyName, e.lists, new ArrayList<>(e.groups),
                    p == null ? MsnStatus.FLN : p.status, e.phones));
        }
        return new ContactList(version, contacts, groups, privacyMode, reverseListPrompt, ownPhones);
    }

    private Entry entry(String handle, String friendlyName) {
        return entries.computeIfAbsent(ContactList.key(handle), k -> new Entry(handle, friendlyName));
    }
}
