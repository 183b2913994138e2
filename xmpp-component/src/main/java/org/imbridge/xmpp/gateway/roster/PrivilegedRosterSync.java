package org.imbridge.xmpp.gateway.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.xmpp.gateway.iq.IqRequestException;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.privilege.PrivilegeState;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0356 privileged roster pushes: every contact becomes a roster item the user never has to
 * approve, named with its friendly name, in its legacy groups, with {@code subscription='both'} so
 * the client shows its presence. The requests are roster gets and sets from the component's JID to the
 * user's bare JID; the server stores the items and pushes them to the user's clients (a client only
 * sees pushes once it has fetched its roster, and the stored items in any case).
 *
 * <p>{@link #sync}: when the server lets the component read rosters, the roster is fetched and only
 * items that are missing or differ in groups or subscription are pushed, and items of contacts that
 * left the legacy list while the user was away are removed (only those this transport had synced), so
 * a returning user costs one roster get. The name of an item already on the roster is kept: the names
 * in a list at login are the nicknames stored with the list entries, often older than the contact's
 * current friendly name the roster got from an earlier {@link #updated}; current names arrive as
 * {@link #updated} calls once the contacts' presences do. Without read access, every contact not yet
 * marked synced is pushed. {@link #updated} pushes the item again (renames); {@link #removed} pushes
 * {@code subscription='remove'}.
 *
 * <p>One item per roster set: RFC 6121 §2.3.3 allows no more, Prosody's mod_privilege answers each item
 * of a multi-item set separately (so a batch's outcome is ambiguous), and ejabberd refuses them. At most
 * {@value #WINDOW} sets per user are outstanding; a newer push for a contact replaces a queued older one.
 * A success marks the contact synced (or unmarks it). Any error answer (except {@code item-not-found} to
 * a removal) or a timeout means the method does not work for this user: queued pushes are dropped and
 * the {@link Listener} is told, which switches the user to the fallback. Requests cancelled because the
 * stream was re-established drop the queue quietly; the next sync pushes what is missing.
 *
 * <p>{@link #userPresent}: servers may push the component no roster changes (Prosody's mod_privilege
 * does not), so when the user sends presence the roster is read again (at most every
 * {@value #RECHECK_SECONDS} s per user) and compared three ways: where the roster's groups of a contact
 * differ from the legacy ones while the legacy ones are still those this transport last put on the
 * roster, the user moved the contact, and it moves on the legacy network ({@link GroupEditListener});
 * where the legacy groups changed instead, they are pushed. What was last put on the roster is kept in
 * memory: after a restart, the legacy groups win once.
 *
 * <p>Store calls block: the methods run on the caller's (pool) thread, answers on {@code executor}.
 */
public final class PrivilegedRosterSync implements RosterSync {

    private static final Logger LOG = LoggerFactory.getLogger(PrivilegedRosterSync.class);

    /** Roster sets outstanding per user. */
    static final int WINDOW = 8;
    /** The shortest time between two roster reads for group changes of one user. */
    static final int RECHECK_SECONDS = 5;

    /** Hears about contacts the user moved to other groups in their roster. */
    @FunctionalInterface
    public interface GroupEditListener {
        void groupsChanged(String userJid, LegacyAddress contact, Set<String> groups);
    }

    /** Hears when privileged roster pushes stop working for a user. */
    @FunctionalInterface
    public interface Listener {

        /**
         * Called once per failure; nothing more is pushed for the user.
         *
         * @param userJid            the user's bare JID
         * @param unfinishedRemovals contacts whose removal from the roster was queued or in flight
         * @param cause              the error answer ({@link IqRequestException}) or what else went wrong
         */
        void failed(String userJid, Set<LegacyAddress> unfinishedRemovals, Throwable cause);
    }

    /** One roster set: a contact's item, or its removal. */
    private record Push(LegacyAddress contact, RosterPacket.Item item) {
        boolean isRemoval() {
            return item.getItemType() == RosterPacket.ItemType.remove;
        }
    }

    /** One user's queue and requests in flight; guarded by itself. */
    private static final class UserPushes {
        final String userJid;
        final BareJid jid;
        final LinkedHashMap<BareJid, Push> queued = new LinkedHashMap<>();
        int inFlight;
        boolean failed;
        /** The contact list to compare with the roster being fetched; null when no get is outstanding. */
        Map<LegacyAddress, Contact> listing;
        /** The groups this transport last saw or put on the roster per contact. */
        final Map<LegacyAddress, Set<String>> rosterGroups = new ConcurrentHashMap<>();
        /** When (nanoTime) the roster was last read for group changes; 0 for never. */
        long lastRecheck;

        UserPushes(String userJid) {
            this.userJid = userJid;
            this.jid = SubscriptionRosterSync.bare(userJid);
        }
    }

    private final JidMapping jids;
    private final IqRequests iqs;
    private final PrivilegeState privileges;
    private final RegistrationStore store;
    private final String network;
    private final Executor executor;
    private final Listener listener;
    private final GroupEditListener groupEdits;
    private final Map<String, UserPushes> users = new ConcurrentHashMap<>();

    /**
     * @param jids       contact JIDs
     * @param iqs        sends the roster gets and sets and matches their answers
     * @param privileges whether the user's server lets us read rosters
     * @param store      where synced contacts are remembered
     * @param network    the legacy network's id in the store
     * @param executor   where answers are handled (blocking store calls)
     * @param listener   told when the method fails for a user
     */
    public PrivilegedRosterSync(JidMapping jids, IqRequests iqs, PrivilegeState privileges, RegistrationStore store,
                                String network, Executor executor, Listener listener) {
        this(jids, iqs, privileges, store, network, executor, listener, (user, contact, groups) -> { });
    }

    /** @param groupEdits told when the user moved a contact in their roster */
    public PrivilegedRosterSync(JidMapping jids, IqRequests iqs, PrivilegeState privileges, RegistrationStore store,
                                String network, Executor executor, Listener listener, GroupEditListener groupEdits) {
        this.groupEdits = groupEdits;
        this.jids = jids;
        this.iqs = iqs;
        this.privileges = privileges;
        this.store = store;
        this.network = network;
        this.executor = executor;
        this.listener = listener;
    }

    @Override
    public void sync(String userJid, Collection<Contact> contacts) {
        UserPushes user = users.computeIfAbsent(userJid, UserPushes::new);
        if (!privileges.rosterAccess(user.jid.asDomainBareJid()).canRead()) {
            Set<String> synced = store.syncedContacts(userJid, network);
            synchronized (user) {
                contacts.stream().filter(c -> !synced.contains(c.address().value())).forEach(c -> queue(user, set(c)));
                drain(user);
            }
            return;
        }
        synchronized (user) {
            user.listing = new LinkedHashMap<>();
            contacts.forEach(c -> user.listing.put(c.address(), c));
        }
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        get.setFrom(jids.transport());
        get.setTo(user.jid);
        iqs.send(get).whenCompleteAsync((answer, failure) -> {
            if (failure != null) {
                failed(user, null, failure);
            } else {
                compare(user, answer);
            }
        }, executor);
    }

    @Override
    public void updated(String userJid, Contact contact) {
        UserPushes user = users.computeIfAbsent(userJid, UserPushes::new);
        synchronized (user) {
            if (user.listing != null) {
                user.listing.put(contact.address(), contact);
            }
            queue(user, set(contact));
            drain(user);
        }
    }

    @Override
    public void removed(String userJid, LegacyAddress contact) {
        UserPushes user = users.computeIfAbsent(userJid, UserPushes::new);
        synchronized (user) {
            if (user.listing != null) {
                user.listing.remove(contact);
            }
            queue(user, removal(contact));
            drain(user);
        }
    }

    @Override
    public void userPresent(String userJid, Supplier<Collection<Contact>> contacts) {
        UserPushes user = users.get(userJid);
        if (user == null || !privileges.rosterAccess(user.jid.asDomainBareJid()).canRead()) {
            return;
        }
        synchronized (user) {
            long now = System.nanoTime();
            if (user.failed || (user.lastRecheck != 0 && now - user.lastRecheck < RECHECK_SECONDS * 1_000_000_000L)) {
                return;
            }
            user.lastRecheck = now;
        }
        List<Contact> listing = List.copyOf(contacts.get());
        if (listing.isEmpty()) {
            return;
        }
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        get.setFrom(jids.transport());
        get.setTo(user.jid);
        iqs.send(get).whenCompleteAsync((answer, failure) -> {
            if (failure == null && answer instanceof RosterPacket roster) {
                lookForGroupEdits(user, listing, roster);
            } else {
                LOG.debug("{}: roster read for group changes failed: {}", user.userJid,
                        failure == null ? answer : failure.toString());
            }
        }, executor);
    }

    private void lookForGroupEdits(UserPushes user, List<Contact> listing, RosterPacket roster) {
        Map<BareJid, RosterPacket.Item> items = new HashMap<>();
        roster.getRosterItems().forEach(item -> items.put(item.getJid(), item));
        for (Contact contact : listing) {
            RosterPacket.Item have = items.get(jids.toJid(contact.address()));
            if (have == null) {
                continue;
            }
            Set<String> inRoster = Set.copyOf(have.getGroupNames());
            Set<String> legacy = Set.copyOf(contact.groups());
            Set<String> lastPut = user.rosterGroups.get(contact.address());
            if (inRoster.equals(legacy)) {
                user.rosterGroups.put(contact.address(), legacy);
            } else if (legacy.equals(lastPut)) {
                LOG.info("{}: the user moved {} to groups {} in their roster", user.userJid, contact.address(), inRoster);
                user.rosterGroups.put(contact.address(), inRoster);
                groupEdits.groupsChanged(user.userJid, contact.address(), inRoster);
            } else {
                synchronized (user) {
                    queue(user, set(have.getName() == null ? contact : contact.withDisplayName(have.getName())));
                    drain(user);
                }
            }
        }
    }

    /** @return how many roster sets are queued or in flight for the user (for tests and metrics) */
    public int outstanding(String userJid) {
        UserPushes user = users.get(userJid);
        if (user == null) {
            return 0;
        }
        synchronized (user) {
            return user.queued.size() + user.inFlight;
        }
    }

    private void compare(UserPushes user, IQ answer) {
        if (!(answer instanceof RosterPacket roster)) {
            failed(user, null, new IllegalStateException("the roster get was answered without a roster: " + answer));
            return;
        }
        Map<LegacyAddress, Contact> listing;
        synchronized (user) {
            listing = user.listing;
            user.listing = null;
        }
        if (listing == null) {
            return; // a newer get took it (or the user failed meanwhile)
        }
        Set<String> synced = store.syncedContacts(user.userJid, network);
        Map<BareJid, RosterPacket.Item> items = new HashMap<>();
        roster.getRosterItems().forEach(item -> items.put(item.getJid(), item));
        List<Push> pushes = new ArrayList<>();
        List<String> alreadyThere = new ArrayList<>();
        for (Contact contact : listing.values()) {
            RosterPacket.Item have = items.get(jids.toJid(contact.address()));
            if (have == null) {
                pushes.add(set(contact));
            } else if (!matches(have, contact)) {
                pushes.add(set(have.getName() == null ? contact : contact.withDisplayName(have.getName())));
            } else {
                user.rosterGroups.put(contact.address(), Set.copyOf(contact.groups()));
                if (!synced.contains(contact.address().value())) {
                    alreadyThere.add(contact.address().value());
                }
            }
        }
        store.markSynced(user.userJid, network, alreadyThere);
        for (RosterPacket.Item item : items.values()) {
            jids.toLegacy(item.getJid())
                    .filter(address -> !listing.containsKey(address) && synced.contains(address.value()))
                    .ifPresent(address -> pushes.add(removal(address)));
        }
        LOG.debug("{}: roster has {} items; pushing {}", user.userJid, items.size(), pushes.size());
        synchronized (user) {
            pushes.forEach(push -> queue(user, push));
            drain(user);
        }
    }

    private static boolean matches(RosterPacket.Item have, Contact contact) {
        return contact.groups().equals(have.getGroupNames())
                && have.getItemType() == RosterPacket.ItemType.both;
    }

    /** Caller holds the user's lock. */
    private static void queue(UserPushes user, Push push) {
        if (!user.failed) {
            user.queued.remove(push.item().getJid()); // re-insert at the end: keep the order of changes
            user.queued.put(push.item().getJid(), push);
        }
    }

    /**
     * Sends queued pushes while the window allows. Caller holds the user's lock, so requests are
     * written in the order they were decided on.
     */
    private void drain(UserPushes user) {
        Iterator<Push> next = user.queued.values().iterator();
        while (!user.failed && user.inFlight < WINDOW && next.hasNext()) {
            Push push = next.next();
            next.remove();
            user.inFlight++;
            RosterPacket set = new RosterPacket();
            set.setType(IQ.Type.set);
            set.setFrom(jids.transport());
            set.setTo(user.jid);
            set.addRosterItem(push.item());
            iqs.send(set).whenCompleteAsync((answer, failure) -> done(user, push, failure), executor);
        }
    }

    private void done(UserPushes user, Push push, Throwable failure) {
        Throwable cause = unwrap(failure);
        boolean goneAlready = push.isRemoval() && cause instanceof IqRequestException e
                && e.is(StanzaError.Condition.item_not_found);
        if (cause == null || goneAlready) {
            if (push.isRemoval()) {
                store.unmarkSynced(user.userJid, network, push.contact().value());
                user.rosterGroups.remove(push.contact());
            } else {
                store.markSynced(user.userJid, network, push.contact().value());
                user.rosterGroups.put(push.contact(), Set.copyOf(push.item().getGroupNames()));
            }
            synchronized (user) {
                user.inFlight--;
                drain(user);
            }
        } else if (cause instanceof IqRequestException e && e.reason() == IqRequestException.Reason.CANCELLED) {
            synchronized (user) {
                user.inFlight--;
                user.queued.clear();
            }
            LOG.info("{}: roster pushes stopped: {}", user.userJid, cause.getMessage());
        } else {
            synchronized (user) {
                user.inFlight--;
            }
            failed(user, push, cause);
        }
    }

    private void failed(UserPushes user, Push current, Throwable failure) {
        Throwable cause = unwrap(failure);
        Set<LegacyAddress> removals = new LinkedHashSet<>();
        synchronized (user) {
            if (user.failed) {
                return;
            }
            user.failed = true;
            user.listing = null;
            if (current != null && current.isRemoval()) {
                removals.add(current.contact());
            }
            user.queued.values().stream().filter(Push::isRemoval).forEach(p -> removals.add(p.contact()));
            user.queued.clear();
        }
        users.remove(user.userJid, user);
        LOG.info("{}: privileged roster access failed ({}); falling back", user.userJid, cause.getMessage());
        listener.failed(user.userJid, removals, cause);
    }

    private Push set(Contact contact) {
        RosterPacket.Item item = new RosterPacket.Item(jids.toJid(contact.address()), contact.displayName());
        item.setItemType(RosterPacket.ItemType.both);
        contact.groups().forEach(item::addGroupName);
        return new Push(contact.address(), item);
    }

    private Push removal(LegacyAddress contact) {
        RosterPacket.Item item = new RosterPacket.Item(jids.toJid(contact), null);
        item.setItemType(RosterPacket.ItemType.remove);
        return new Push(contact, item);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
