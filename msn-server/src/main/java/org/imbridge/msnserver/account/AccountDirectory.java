package org.imbridge.msnserver.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * All accounts of the network, and the list operations that change them. Each operation checks the
 * MSNP7 rules (docs/msnp.md §5), applies the change, keeps the forward list of one account and the
 * reverse list of the other in step and bumps the list versions (once per operation and account).
 *
 * <p>Thread-safe: one monitor ({@link #lock()}) guards every account; callers that must combine a
 * change with other network state (presence, sessions) hold it around the whole step.
 */
public final class AccountDirectory {

    /** Group ids run from 0 to this value minus one (docs/msnp.md §5.7). */
    public static final int MAX_GROUPS = 30;
    /** Default forward list limit (docs/msnp.md §5.8, March 2003). */
    public static final int DEFAULT_FORWARD_LIST_LIMIT = 150;

    private final Object lock = new Object();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final int forwardListLimit;

    public AccountDirectory() {
        this(DEFAULT_FORWARD_LIST_LIMIT);
    }

    public AccountDirectory(int forwardListLimit) {
        if (forwardListLimit < 1) {
            throw new IllegalArgumentException("forward list limit must be positive: " + forwardListLimit);
        }
        this.forwardListLimit = forwardListLimit;
    }

    /** The monitor guarding every account of this directory. */
    public Object lock() {
        return lock;
    }

    /** The key handles are stored under: lower case. */
    public static String normalize(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }

    /** The account for {@code handle} (any case), or {@code null}. */
    public Account find(String handle) {
        synchronized (lock) {
            return accounts.get(normalize(handle));
        }
    }

    public List<Account> all() {
        synchronized (lock) {
            return List.copyOf(accounts.values());
        }
    }

    public int forwardListLimit() {
        return forwardListLimit;
    }

    /** Adds one account; its contacts must already exist. */
    public Account add(AccountSpec spec) {
        return addAll(List.of(spec)).get(0);
    }

    /**
     * Adds accounts and wires their contacts: each contact goes on the owner's FL (group per spec) and
     * AL, the owner on the contact's RL; blocked handles on BL. Contacts may refer to accounts of the
     * same batch. Validates everything before changing anything.
     *
     * @throws IllegalArgumentException naming the account and field at fault
     */
    public List<Account> addAll(Collection<AccountSpec> specs) {
        synchronized (lock) {
            validate(specs);
            List<Account> created = new ArrayList<>();
            for (AccountSpec spec : specs) {
                String handle = normalize(spec.email());
                String nick = spec.nick() == null ? handle : spec.nick();
                Account account = new Account(lock, handle, spec.password(), nick, spec.verified(),
                        spec.blp(), spec.gtc());
                int id = 1;
                for (String group : spec.groups()) {
                    account.putGroup(id++, group);
                }
                spec.phones().forEach(account::putPhone);
                account.setInbox(spec.inboxUnread(), spec.foldersUnread());
                accounts.put(handle, account);
                created.add(account);
            }
            for (AccountSpec spec : specs) {
                Account owner = accounts.get(normalize(spec.email()));
                for (ContactSpec c : spec.contacts()) {
                    Account contact = accounts.get(normalize(c.email()));
                    List<Integer> groups = new ArrayList<>();
                    for (String g : c.groups()) {
                        groups.add(groupId(owner, g));
                    }
                    if (groups.isEmpty()) {
                        groups.add(0);
                    }
                    String name = c.nick() == null ? contact.nick() : c.nick();
                    owner.putEntry(ListType.FL, new ListEntry(contact.handle(), name, groups));
                    owner.putEntry(ListType.AL, ListEntry.of(contact.handle(), name));
                    contact.putEntry(ListType.RL, ListEntry.of(owner.handle(), owner.nick()));
                    if (!created.contains(contact)) {
                        contact.bumpVersion();
                    }
                }
                for (String b : spec.blocked()) {
                    Account blocked = accounts.get(normalize(b));
                    owner.putEntry(ListType.BL, ListEntry.of(blocked.handle(), blocked.nick()));
                }
            }
            return created;
        }
    }

    private void validate(Collection<AccountSpec> specs) {
        Set<String> batch = new HashSet<>();
        for (AccountSpec spec : specs) {
            String handle = normalize(spec.email());
            String where = "account " + spec.email();
            if (!MsnpNames.isValidHandle(handle)) {
                throw new IllegalArgumentException(where + ": 'email' is not a valid MSN handle");
            }
            if (accounts.containsKey(handle) || !batch.add(handle)) {
                throw new IllegalArgumentException(where + ": duplicate account");
            }
            if (spec.password().isEmpty()) {
                throw new IllegalArgumentException(where + ": 'password' must not be empty");
            }
            if (spec.nick() != null && spec.nick().isEmpty()) {
                throw new IllegalArgumentException(where + ": 'nick' must not be empty");
            }
            if (spec.nick() != null && MsnpNames.encode(spec.nick()).length() > MsnpNames.MAX_FRIENDLY_NAME_BYTES) {
                throw new IllegalArgumentException(where + ": 'nick' is longer than "
                        + MsnpNames.MAX_FRIENDLY_NAME_BYTES + " bytes when encoded");
            }
            if (spec.groups().size() > MAX_GROUPS - 1) {
                throw new IllegalArgumentException(where + ": 'groups' has more than " + (MAX_GROUPS - 1) + " entries");
            }
            for (String g : spec.groups()) {
                if (g.isEmpty()) {
                    throw new IllegalArgumentException(where + ": empty group name in 'groups'");
                }
            }
            if (spec.inboxUnread() != null && spec.inboxUnread() < 0 || spec.foldersUnread() < 0) {
                throw new IllegalArgumentException(where + ": unread counts must not be negative");
            }
            for (String kind : spec.phones().keySet()) {
                if (!PhoneSettings.isKind(kind)) {
                    throw new IllegalArgumentException(where + ": unknown phone setting '" + kind
                            + "' (expected one of " + PhoneSettings.KINDS + ")");
                }
            }
        }
        for (AccountSpec spec : specs) {
            String where = "account " + spec.email();
            Set<String> contacts = new HashSet<>();
            for (ContactSpec c : spec.contacts()) {
                String h = normalize(c.email());
                if (!accounts.containsKey(h) && !batch.contains(h)) {
                    throw new IllegalArgumentException(where + ": contact '" + c.email() + "' is not an account");
                }
                if (!contacts.add(h)) {
                    throw new IllegalArgumentException(where + ": contact '" + c.email() + "' listed twice");
                }
                if (c.nick() != null && c.nick().isEmpty()) {
                    throw new IllegalArgumentException(where + ": contact '" + c.email() + "' has an empty 'nick'");
                }
                for (String g : c.groups()) {
                    if (!spec.groups().contains(g) && !Account.DEFAULT_GROUP_NAME.equals(g)) {
                        throw new IllegalArgumentException(where + ": contact '" + c.email()
                                + "' is in group '" + g + "', which is not in 'groups'");
                    }
                }
            }
            for (String b : spec.blocked()) {
                String h = normalize(b);
                if (!accounts.containsKey(h) && !batch.contains(h)) {
                    throw new IllegalArgumentException(where + ": blocked '" + b + "' is not an account");
                }
                if (contacts.contains(h)) {
                    throw new IllegalArgumentException(where + ": '" + b + "' is both a contact (allowed) and blocked");
                }
            }
        }
    }

    private static int groupId(Account owner, String name) {
        for (Map.Entry<Integer, String> g : owner.groups().entrySet()) {
            if (g.getValue().equals(name)) {
                return g.getKey();
            }
        }
        throw new IllegalArgumentException("no group " + name);
    }

    // ---------------------------------------------------------------- lists

    /** Result of {@link #addToForwardList}. */
    public record ForwardAddition(long version, boolean newContact, long contactVersion) {
    }

    /** Result of {@link #removeFromForwardList}. */
    public record ForwardRemoval(long version, boolean removedEntirely, long contactVersion) {
    }

    /** A contact that left a forward list as a side effect, with its owner's RL version after it. */
    public record DroppedContact(String handle, long contactVersion) {
    }

    /** Result of {@link #removeGroup}. */
    public record GroupRemoval(long version, List<DroppedContact> droppedContacts) {
    }

    /** Result of {@link #addGroup}. */
    public record GroupAddition(long version, int id) {
    }

    /**
     * {@code ADD FL}: a new contact goes into {@code group} (0 when null) and onto the contact's RL; a
     * contact already on FL only joins {@code group}.
     */
    public ForwardAddition addToForwardList(Account owner, Account contact, String friendly, Integer group)
            throws ListOperationException {
        synchronized (lock) {
            int target = group == null ? 0 : group;
            if (!owner.hasGroup(target)) {
                throw new ListOperationException(MsnpError.INVALID_GROUP);
            }
            ListEntry existing = owner.entry(ListType.FL, contact.handle());
            if (existing != null) {
                if (group == null || existing.groups().contains(target)) {
                    throw new ListOperationException(MsnpError.ALREADY_THERE);
                }
                List<Integer> groups = new ArrayList<>(existing.groups());
                groups.add(target);
                owner.putEntry(ListType.FL, existing.withGroups(groups));
                return new ForwardAddition(owner.bumpVersion(), false, contact.version());
            }
            if (owner.listSize(ListType.FL) >= forwardListLimit) {
                throw new ListOperationException(MsnpError.LIST_FULL);
            }
            owner.putEntry(ListType.FL, new ListEntry(contact.handle(), friendly, List.of(target)));
            long version = owner.bumpVersion();
            contact.putEntry(ListType.RL, ListEntry.of(owner.handle(), owner.nick()));
            return new ForwardAddition(version, true, contact.bumpVersion());
        }
    }

    /** {@code ADD AL} / {@code ADD BL}; the two are mutually exclusive. Returns the new version. */
    public long addToList(Account owner, ListType list, Account contact, String friendly)
            throws ListOperationException {
        requirePrivacyList(list);
        synchronized (lock) {
            if (owner.isOnList(list, contact.handle())) {
                throw new ListOperationException(MsnpError.ALREADY_THERE);
            }
            ListType opposite = list == ListType.AL ? ListType.BL : ListType.AL;
            if (owner.isOnList(opposite, contact.handle())) {
                throw new ListOperationException(MsnpError.ALREADY_IN_OPPOSITE_LIST);
            }
            owner.putEntry(list, ListEntry.of(contact.handle(), friendly));
            return owner.bumpVersion();
        }
    }

    /**
     * {@code REM FL}: without a group the contact leaves FL (and the owner the contact's RL); with a
     * group only that membership ends, and the contact leaves FL when it was the last one.
     */
    public ForwardRemoval removeFromForwardList(Account owner, String contactHandle, Integer group)
            throws ListOperationException {
        synchronized (lock) {
            String key = normalize(contactHandle);
            ListEntry existing = owner.entry(ListType.FL, key);
            if (group != null && !owner.hasGroup(group)) {
                throw new ListOperationException(MsnpError.INVALID_GROUP);
            }
            if (existing == null) {
                throw new ListOperationException(MsnpError.NOT_ON_LIST);
            }
            if (group != null) {
                if (!existing.groups().contains(group)) {
                    throw new ListOperationException(MsnpError.NOT_IN_GROUP);
                }
                if (existing.groups().size() > 1) {
                    List<Integer> groups = new ArrayList<>(existing.groups());
                    groups.remove(group);
                    owner.putEntry(ListType.FL, existing.withGroups(groups));
                    return new ForwardRemoval(owner.bumpVersion(), false, -1);
                }
            }
            owner.removeEntry(ListType.FL, key);
            long version = owner.bumpVersion();
            return new ForwardRemoval(version, true, dropReverse(owner, key));
        }
    }

    private long dropReverse(Account owner, String contactKey) {
        Account contact = accounts.get(contactKey);
        if (contact == null || contact.removeEntry(ListType.RL, owner.handle()) == null) {
            return -1;
        }
        return contact.bumpVersion();
    }

    /** {@code REM AL} / {@code REM BL}. Returns the new version. */
    public long removeFromList(Account owner, ListType list, String contactHandle) throws ListOperationException {
        requirePrivacyList(list);
        synchronized (lock) {
            if (owner.removeEntry(list, normalize(contactHandle)) == null) {
                throw new ListOperationException(MsnpError.NOT_ON_LIST);
            }
            return owner.bumpVersion();
        }
    }

    private static void requirePrivacyList(ListType list) {
        if (list != ListType.AL && list != ListType.BL) {
            throw new IllegalArgumentException("not AL or BL: " + list);
        }
    }

    // ------------------------------------------------------------ settings

    /** {@code BLP}; 218 when unchanged. */
    public long setPrivacy(Account owner, PrivacyMode mode) throws ListOperationException {
        synchronized (lock) {
            if (owner.privacy() == mode) {
                throw new ListOperationException(MsnpError.ALREADY_IN_MODE);
            }
            owner.setPrivacy(mode);
            return owner.bumpVersion();
        }
    }

    /** {@code GTC}; 218 when unchanged. */
    public long setPrompt(Account owner, ReversePrompt prompt) throws ListOperationException {
        synchronized (lock) {
            if (owner.prompt() == prompt) {
                throw new ListOperationException(MsnpError.ALREADY_IN_MODE);
            }
            owner.setPrompt(prompt);
            return owner.bumpVersion();
        }
    }

    /** {@code REA} of one's own handle. */
    public long renameSelf(Account owner, String nick) {
        synchronized (lock) {
            owner.setNick(nick);
            return owner.bumpVersion();
        }
    }

    /** {@code REA} of a contact: the name stored with it on FL, AL and BL; 216 when on none. */
    public long renameContact(Account owner, String contactHandle, String nick) throws ListOperationException {
        synchronized (lock) {
            boolean found = false;
            for (ListType list : List.of(ListType.FL, ListType.AL, ListType.BL)) {
                ListEntry e = owner.entry(list, contactHandle);
                if (e != null) {
                    owner.putEntry(list, e.withFriendly(nick));
                    found = true;
                }
            }
            if (!found) {
                throw new ListOperationException(MsnpError.NOT_ON_LIST);
            }
            return owner.bumpVersion();
        }
    }

    /** {@code PRP}: sets (or, with an empty value, clears) a phone setting. */
    public long setPhone(Account owner, String kind, String value) {
        if (!PhoneSettings.isKind(kind)) {
            throw new IllegalArgumentException("unknown phone setting " + kind);
        }
        synchronized (lock) {
            owner.putPhone(kind, value);
            return owner.bumpVersion();
        }
    }

    // -------------------------------------------------------------- groups

    /** {@code ADG}: the lowest free id; 223 beyond {@value #MAX_GROUPS} groups. */
    public GroupAddition addGroup(Account owner, String name) throws ListOperationException {
        synchronized (lock) {
            if (owner.groupCount() >= MAX_GROUPS) {
                throw new ListOperationException(MsnpError.TOO_MANY_GROUPS);
            }
            int id = 1;
            while (owner.hasGroup(id)) {
                id++;
            }
            owner.putGroup(id, name);
            return new GroupAddition(owner.bumpVersion(), id);
        }
    }

    /**
     * {@code RMG}: 230 for group 0, 224 for an unknown id. Contacts only in this group leave FL (and
     * the owner their RL); the others just lose the membership.
     */
    public GroupRemoval removeGroup(Account owner, int id) throws ListOperationException {
        synchronized (lock) {
            if (id == 0) {
                throw new ListOperationException(MsnpError.CANNOT_REMOVE_GROUP_ZERO);
            }
            if (!owner.hasGroup(id)) {
                throw new ListOperationException(MsnpError.INVALID_GROUP);
            }
            owner.removeGroup(id);
            List<ListEntry> dropped = new ArrayList<>();
            for (ListEntry e : owner.forwardEntries()) {
                if (!e.groups().contains(id)) {
                    continue;
                }
                if (e.groups().size() == 1) {
                    owner.removeEntry(ListType.FL, e.handle());
                    dropped.add(e);
                } else {
                    TreeSet<Integer> rest = new TreeSet<>(e.groups());
                    rest.remove(id);
                    owner.putEntry(ListType.FL, e.withGroups(List.copyOf(rest)));
                }
            }
            long version = owner.bumpVersion();
            List<DroppedContact> out = new ArrayList<>();
            for (ListEntry e : dropped) {
                out.add(new DroppedContact(e.handle(), dropReverse(owner, e.handle())));
            }
            return new GroupRemoval(version, out);
        }
    }

    /** {@code REG}: 224 for an unknown id. */
    public long renameGroup(Account owner, int id, String name) throws ListOperationException {
        synchronized (lock) {
            if (!owner.hasGroup(id)) {
                throw new ListOperationException(MsnpError.INVALID_GROUP);
            }
            owner.putGroup(id, name);
            return owner.bumpVersion();
        }
    }

    /** Handles of every account that has {@code account} on its forward list (its RL), for fan-out. */
    public Map<String, Account> watchersOf(Account account) {
        synchronized (lock) {
            Map<String, Account> out = new HashMap<>();
            for (ListEntry e : account.list(ListType.RL)) {
                Account w = accounts.get(e.handle());
                if (w != null) {
                    out.put(w.handle(), w);
                }
            }
            return out;
        }
    }
}
