package org.imbridge.xmpp.gateway.roster;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.privilege.PrivilegeState;
import org.jxmpp.jid.DomainBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, per user, how contacts reach the roster: privileged roster pushes (XEP-0356) when the
 * user's server granted the component roster set under {@code urn:xmpp:privilege:2} and the method has
 * not failed for that user before; otherwise XEP-0144 roster item exchange followed by presence
 * subscriptions when the user's online client takes roster item exchange; otherwise presence
 * subscriptions with nicknames. When privileged
 * pushes fail for a user (an error answer such as ejabberd 23.01's {@code internal-server-error}, or a
 * timeout), that user is switched to the fallback for as long as the transport runs, and the fallback
 * syncs the user's current contact list at once (contacts already pushed are marked synced, so they
 * are not asked about again).
 */
public final class RosterSyncSelector implements RosterSync {

    private static final Logger LOG = LoggerFactory.getLogger(RosterSyncSelector.class);

    /** The ways a user's contacts can reach the roster. */
    public enum Method {
        /** XEP-0356 privileged roster get and set. */
        PRIVILEGED,
        /** XEP-0144 items (names and groups) to the user's client, then subscriptions. */
        EXCHANGE,
        /** {@code subscribe} presences with XEP-0172 nicknames. */
        SUBSCRIPTION
    }

    private final PrivilegeState privileges;
    private final RosterSync privileged;
    private final RosterSync fallback;
    private final RosterSync exchange;
    private final Predicate<String> takesExchange;
    private final Function<String, Collection<Contact>> currentContacts;
    private final Set<String> failedUsers = ConcurrentHashMap.newKeySet();
    private final Function<String, CompletionStage<Void>> exchangeSettled;
    /** The longest a whole-list sync waits for the user's clients to say what they take. */
    static final int SETTLE_SECONDS = 3;

    /**
     * @param privileges      what each server granted
     * @param privileged      makes the privileged method, given the listener it must report failures to
     * @param fallback        the method that works everywhere
     * @param currentContacts a user's current legacy contact list, for a fallback sync after a failure
     */
    public RosterSyncSelector(PrivilegeState privileges,
                              Function<PrivilegedRosterSync.Listener, RosterSync> privileged,
                              RosterSync fallback, Function<String, Collection<Contact>> currentContacts) {
        this(privileges, privileged, fallback, fallback, user -> false, currentContacts);
    }

    /**
     * @param exchange      the XEP-0144 method
     * @param takesExchange whether a user's online client takes roster item exchange now
     */
    public RosterSyncSelector(PrivilegeState privileges,
                              Function<PrivilegedRosterSync.Listener, RosterSync> privileged,
                              RosterSync fallback, RosterSync exchange, Predicate<String> takesExchange,
                              Function<String, Collection<Contact>> currentContacts) {
        this(privileges, privileged, fallback, exchange, takesExchange, user -> CompletableFuture.completedFuture(null),
                currentContacts);
    }

    /**
     * @param exchangeSettled completes once what the user's clients take is known (their capabilities
     *                        answered); a whole-list sync waits for it, at most {@value #SETTLE_SECONDS} s
     */
    public RosterSyncSelector(PrivilegeState privileges,
                              Function<PrivilegedRosterSync.Listener, RosterSync> privileged,
                              RosterSync fallback, RosterSync exchange, Predicate<String> takesExchange,
                              Function<String, CompletionStage<Void>> exchangeSettled,
                              Function<String, Collection<Contact>> currentContacts) {
        this.exchangeSettled = exchangeSettled;
        this.privileges = privileges;
        this.fallback = fallback;
        this.exchange = exchange;
        this.takesExchange = takesExchange;
        this.currentContacts = currentContacts;
        this.privileged = privileged.apply(this::privilegedFailed);
    }

    /**
     * @param userJid the user's bare JID
     * @return the method used for that user now
     */
    public Method method(String userJid) {
        DomainBareJid server = SubscriptionRosterSync.bare(userJid).asDomainBareJid();
        if (!failedUsers.contains(userJid) && privileges.rosterAccess(server).canWrite()) {
            return Method.PRIVILEGED;
        }
        return takesExchange.test(userJid) ? Method.EXCHANGE : Method.SUBSCRIPTION;
    }

    @Override
    public void sync(String userJid, Collection<Contact> contacts) {
        // a client that came online with the login may be answering what it takes right now
        exchangeSettled.apply(userJid).toCompletableFuture()
                .completeOnTimeout(null, SETTLE_SECONDS, TimeUnit.SECONDS)
                .whenComplete((v, e) -> forUser(userJid).sync(userJid, contacts));
    }

    @Override
    public void updated(String userJid, Contact contact) {
        forUser(userJid).updated(userJid, contact);
    }

    @Override
    public void removed(String userJid, LegacyAddress contact) {
        forUser(userJid).removed(userJid, contact);
    }

    @Override
    public void userPresent(String userJid, Supplier<Collection<Contact>> contacts) {
        forUser(userJid).userPresent(userJid, contacts);
    }

    private RosterSync forUser(String userJid) {
        return switch (method(userJid)) {
            case PRIVILEGED -> privileged;
            case EXCHANGE -> exchange;
            case SUBSCRIPTION -> fallback;
        };
    }

    private void privilegedFailed(String userJid, Set<LegacyAddress> unfinishedRemovals, Throwable cause) {
        if (!failedUsers.add(userJid)) {
            return;
        }
        LOG.info("{}: roster items are asked for with presence subscriptions from now on ({})", userJid,
                cause.getMessage());
        RosterSync now = forUser(userJid);
        unfinishedRemovals.forEach(contact -> now.removed(userJid, contact));
        now.sync(userJid, currentContacts.apply(userJid));
    }
}
