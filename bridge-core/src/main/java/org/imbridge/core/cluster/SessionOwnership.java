package org.imbridge.core.cluster;

import java.util.List;

/**
 * Which instance of a deployment holds each user's legacy session, and which instances are alive.
 * Every method may block on the shared database: call them from a pool thread, never from an I/O
 * thread. Users are bare JIDs, networks are network ids, both already normalised.
 */
public interface SessionOwnership extends AutoCloseable {

    /** Told when another instance claimed a user whose session this instance holds. */
    @FunctionalInterface
    interface LostListener {

        /**
         * @param userJid  the user's bare JID
         * @param network  the network id
         * @param newOwner the instance that claimed the user
         */
        void lost(String userJid, String network, String newOwner);
    }

    /** @return this instance's name, unique among the live instances */
    String instance();

    /**
     * This instance is about to log the user in: make it the user's owner. A live instance that holds
     * the user is told ({@link LostListener}) and lets go, unless it claimed the user less than the
     * hand-over grace ago: then stanzas routed to this instance before the XMPP server moved the user
     * back are still arriving, and the claim is refused ({@link Claim.Outcome#HELD_ELSEWHERE}) so that
     * two instances never take the user from each other in turn.
     */
    Claim claim(String userJid, String network);

    /** This instance's session of the user ended: drop the claim if it is still this instance's. */
    void release(String userJid, String network);

    /**
     * @return true when a live instance other than this one holds the user's claim (the legacy network
     *         logged this instance out because that instance logged the user in)
     */
    boolean ownedElsewhere(String userJid, String network);

    /** Sets the one listener for users claimed away from this instance (called on any thread). */
    void onLost(LostListener listener);

    /**
     * Proves this instance alive and reads who else is: call every heartbeat interval. An instance is
     * live while its database connection holds its lock and its last heartbeat is within the lease.
     *
     * @param streams the component streams this instance holds (or is about to open)
     * @return the live instances, this one included, with the sessions and streams each holds
     */
    Membership heartbeat(String network, int streams);

    /** {@link #heartbeat(String, int)} with one stream. */
    default Membership heartbeat(String network) {
        return heartbeat(network, 1);
    }

    /**
     * Asks {@code instance} to close one of its extra component streams, so that the XMPP server has a
     * free slot for this instance's stream (see the README, "Running several instances").
     */
    default void requestStream(String instance) {
    }

    /** Sets the one listener for requests to give up an extra stream (called on any thread). */
    default void onStreamWanted(Runnable listener) {
    }

    /**
     * Sets the one listener told, as soon as the shared store notices, that another instance seen live at
     * the last {@link #heartbeat} may be gone (its process died or it left), so that the caller need
     * not wait for its next heartbeat to look (called on any thread; it may be told of a false alarm).
     */
    default void onPeerGone(Runnable listener) {
    }

    /** @return the users an instance (typically a dead one) holds claims for */
    List<String> claimedBy(String instance, String network);

    /** Drops every claim of an instance that is gone (after its users were asked to come back). */
    void forget(String instance);

    /**
     * Leaves the deployment: this instance stops counting as live at once, so the others take its
     * users over; claims stay until they do, or until they forget them, even if this instance logs
     * those users out meanwhile ({@link #release} does nothing after leaving). Idempotent.
     */
    void leave();

    /** Leaves (if not yet) and closes the connections. */
    @Override
    void close();
}
