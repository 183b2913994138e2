package org.imbridge.xmpp.gateway.register;

import java.util.Set;

import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.Removal;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations removed by an administrator, here (the admin command) or in another process
 * ({@code imbridge users remove}, another instance; learnt from the store's removal log): the user's
 * legacy session ends, they are told why and how to register again, the transport goes unavailable for
 * them and the roster entries it created are retracted as for an unregistration.
 */
public final class RegistrationRemovals {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRemovals.class);

    private final JidMapping jids;
    private final NetworkProfile network;
    private final RegistrationStore store;
    private final StanzaSink sink;
    private final RegistrationListener sessions;
    private final LocalRemovals local;
    private final RosterRetraction retraction;

    /**
     * @param sessions told {@link RegistrationListener#onUnregistering} to end the user's session
     * @param local    the removals made in this process, which the log brings back
     */
    public RegistrationRemovals(JidMapping jids, NetworkProfile network, RegistrationStore store, StanzaSink sink,
                                RegistrationListener sessions, LocalRemovals local) {
        this.jids = jids;
        this.network = network;
        this.store = store;
        this.sink = sink;
        this.sessions = sessions;
        this.local = local;
        this.retraction = new RosterRetraction(jids, sink);
    }

    /**
     * Removes {@code userJid}'s registration and carries the removal out. Blocks on the store: call it
     * off the I/O threads.
     *
     * @param userJid the user's bare JID, normalised
     * @return false when the user was not registered
     */
    public boolean removeByAdmin(String userJid) {
        Set<String> contacts = store.syncedContacts(userJid, network.id());
        boolean removed = local.remove(userJid, () -> store.remove(userJid, network.id()));
        if (removed) {
            carryOut(userJid, contacts);
        }
        return removed;
    }

    /** A removal read from the store's removal log: carried out unless it was made here. */
    public void removedElsewhere(Removal removal) {
        if (!removal.network().equals(network.id()) || local.take(removal.userJid())) {
            return;
        }
        carryOut(removal.userJid(), removal.syncedContacts());
    }

    private void carryOut(String userJid, Set<String> contacts) {
        BareJid user = JidCreate.bareFromOrThrowUnchecked(userJid);
        sessions.onUnregistering(userJid);
        sink.send(StanzaBuilder.buildMessage().ofType(Message.Type.normal).from(jids.transport()).to(user)
                .setSubject("Registration removed")
                .setBody("Your registration with the " + network.shortName() + " transport " + jids.transport()
                        + " was removed by an administrator, and you were logged out of " + network.shortName()
                        + ". To use " + network.shortName() + " again, register with " + jids.transport()
                        + " again (your client lists it under service discovery or gateways).")
                .build());
        sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).from(jids.transport()).to(user)
                .build());
        retraction.retract(user, contacts);
        LOG.info("{}: registration removed by an administrator; logged out, {} contacts retracted", userJid,
                contacts.size());
    }
}
