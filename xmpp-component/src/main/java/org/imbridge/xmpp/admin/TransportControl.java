package org.imbridge.xmpp.admin;

import java.time.Duration;
import java.util.List;

import org.imbridge.core.network.NetworkProfile;

/**
 * What the admin commands can see and do in a running transport. Methods may block (store access):
 * call them off the I/O threads.
 */
public interface TransportControl {

    /** A user with a session, and where that session stands (e.g. {@code ONLINE}, {@code CONNECTING}). */
    record ActiveUser(String jid, String state) {
    }

    /** Messages relayed during the last minute, each way. */
    record Traffic(long xmppToLegacyPerMinute, long legacyToXmppPerMinute) {
    }

    /** The legacy network the transport bridges to, whose name the commands' texts use. */
    NetworkProfile network();

    /** Users with a session (online, connecting or waiting to reconnect), ordered by JID. */
    List<ActiveUser> activeUsers();

    /** How many users are registered. */
    int registeredUsers();

    Traffic traffic();

    Duration uptime();

    /**
     * Sends {@code text} as a headline from the transport to every active user.
     *
     * @return how many users it was sent to
     */
    int announce(String text);

    /**
     * Logs {@code userJid} out of the legacy network; they come back when their client next sends presence.
     *
     * @return false when the user had no session
     */
    boolean disconnect(String userJid, String why);

    /**
     * Deletes {@code userJid}'s registration: they are logged out, told why and how to register again,
     * and the roster entries the transport created are retracted.
     *
     * @param userJid the bare JID, normalised
     * @return false when the user was not registered
     */
    boolean removeUser(String userJid);

    /**
     * Reads the configuration file again and applies what can change while running.
     *
     * @return what changed, for the admin
     * @throws Exception with a message naming the file, the key and the problem when the file is refused
     */
    String reloadConfig() throws Exception;
}
