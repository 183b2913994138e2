package org.imbridge.msnserver.account;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpHashes;

/**
 * One account of the network and everything the server stores for it: friendly name, the four lists,
 * groups, privacy settings, phone settings, inbox counts and the list version.
 *
 * <p>Thread-safe: every method holds the directory's lock (the same monitor for all accounts, so
 * changes that touch two accounts are atomic). Changes go through {@link AccountDirectory}, which
 * keeps FL and RL in step and bumps versions; this class only offers reads and the primitive
 * updates the directory uses.
 */
public final class Account {

    /** Name of group 0 when the configuration does not rename it. */
    public static final String DEFAULT_GROUP_NAME = "Other Contacts";

    private final Object lock;
    private final String handle;
    private final String password;
    private final boolean verified;
    private String nick;
    private PrivacyMode privacy;
    private ReversePrompt prompt;
    private long version = 1;
    private final EnumMap<ListType, LinkedHashMap<String, ListEntry>> lists = new EnumMap<>(ListType.class);
    private final TreeMap<Integer, String> groups = new TreeMap<>();
    private final LinkedHashMap<String, String> phones = new LinkedHashMap<>();
    private Integer inboxUnread;
    private int foldersUnread;

    Account(Object lock, String handle, String password, String nick, boolean verified,
            PrivacyMode privacy, ReversePrompt prompt) {
        this.lock = lock;
        this.handle = handle;
        this.password = password;
        this.nick = nick;
        this.verified = verified;
        this.privacy = privacy;
        this.prompt = prompt;
        for (ListType t : ListType.values()) {
            lists.put(t, new LinkedHashMap<>());
        }
        groups.put(0, DEFAULT_GROUP_NAME);
    }

    /** The handle, lower case. */
    public String handle() {
        return handle;
    }

    /**
     * True when {@code response} is the MD5 login answer to {@code salt}, md5(salt + password) in hex;
     * the hex digits may be in either case. The password itself never leaves this class.
     */
    public boolean acceptsLoginResponse(String salt, String response) {
        return MsnpHashes.loginResponse(salt, password).equalsIgnoreCase(response);
    }

    public boolean verified() {
        return verified;
    }

    /** The friendly name, decoded. */
    public String nick() {
        synchronized (lock) {
            return nick;
        }
    }

    public PrivacyMode privacy() {
        synchronized (lock) {
            return privacy;
        }
    }

    public ReversePrompt prompt() {
        synchronized (lock) {
            return prompt;
        }
    }

    /** The list version: bumped by every change to this account's lists or settings. */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    /** The entries of {@code list} in the order they were added. */
    public List<ListEntry> list(ListType list) {
        synchronized (lock) {
            return List.copyOf(lists.get(list).values());
        }
    }

    /** The entry for {@code contact} on {@code list}, or {@code null}. */
    public ListEntry entry(ListType list, String contact) {
        synchronized (lock) {
            return lists.get(list).get(AccountDirectory.normalize(contact));
        }
    }

    public boolean isOnList(ListType list, String contact) {
        return entry(list, contact) != null;
    }

    /** Group id → name (decoded), ascending; group 0 always present. */
    public SortedMap<Integer, String> groups() {
        synchronized (lock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(groups));
        }
    }

    /** Own phone settings (PHH, PHW, PHM, MOB, MBE) in the order they were set. */
    public Map<String, String> phones() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(phones));
        }
    }

    /** Unread Hotmail count, or {@code null} when no inbox is configured. */
    public Integer inboxUnread() {
        synchronized (lock) {
            return inboxUnread;
        }
    }

    public int foldersUnread() {
        synchronized (lock) {
            return foldersUnread;
        }
    }

    @Override
    public String toString() {
        return "Account[" + handle + "]";
    }

    // ---- primitive updates, called by AccountDirectory with the lock held ----

    Object lock() {
        return lock;
    }

    long bumpVersion() {
        return ++version;
    }

    void setNick(String newNick) {
        nick = newNick;
    }

    void setPrivacy(PrivacyMode mode) {
        privacy = mode;
    }

    void setPrompt(ReversePrompt p) {
        prompt = p;
    }

    void putEntry(ListType list, ListEntry entry) {
        lists.get(list).put(entry.handle(), entry);
    }

    ListEntry removeEntry(ListType list, String contact) {
        return lists.get(list).remove(contact);
    }

    int listSize(ListType list) {
        return lists.get(list).size();
    }

    void putGroup(int id, String name) {
        groups.put(id, name);
    }

    void removeGroup(int id) {
        groups.remove(id);
    }

    boolean hasGroup(int id) {
        return groups.containsKey(id);
    }

    int groupCount() {
        return groups.size();
    }

    List<ListEntry> forwardEntries() {
        return new ArrayList<>(lists.get(ListType.FL).values());
    }

    void putPhone(String kind, String value) {
        phones.put(kind, value);
    }

    void setInbox(Integer unread, int folders) {
        inboxUnread = unread;
        foldersUnread = folders;
    }

    /** One more unread mail, when an inbox is configured; returns the new count or {@code null}. */
    public Integer countNewMail() {
        synchronized (lock) {
            if (inboxUnread != null) {
                inboxUnread = inboxUnread + 1;
            }
            return inboxUnread;
        }
    }
}
