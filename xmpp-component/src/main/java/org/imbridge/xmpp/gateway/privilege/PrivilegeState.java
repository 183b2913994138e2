package org.imbridge.xmpp.gateway.privilege;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each server granted the component (XEP-0356), keyed by the server's domain, which is the domain
 * of the users it grants access to. A server says so in a message from its own domain right after the
 * handshake; the grant is valid for that stream only, so {@link #reset()} it whenever the component
 * connects again. Only the current namespace ({@value Privilege#NAMESPACE}) counts: an advertisement in
 * {@value Privilege#NAMESPACE_V1} is recorded (and logged) but grants nothing. Thread-safe.
 */
public final class PrivilegeState {

    private static final Logger LOG = LoggerFactory.getLogger(PrivilegeState.class);

    private final Map<DomainBareJid, Privilege> grants = new ConcurrentHashMap<>();

    /**
     * Records the advertisement carried by {@code message}, if it is one from a server (its
     * {@code from} a bare domain). A later advertisement of the same server replaces the earlier one.
     *
     * @param message any message to the component
     * @return true if it was a server's privilege advertisement, which needs no further handling
     */
    public boolean accept(Message message) {
        Privilege privilege = Privilege.from(message);
        DomainBareJid server = serverOf(message);
        if (privilege == null || server == null) {
            return false;
        }
        grants.put(server, privilege);
        if (privilege.isCurrentVersion()) {
            LOG.info("{} grants the component {}", server, privilege.perms());
        } else {
            LOG.warn("{} advertises privileges in the old namespace {} ({}); not using them: roster items of its"
                    + " users are asked for with presence subscriptions", server, Privilege.NAMESPACE_V1,
                    privilege.perms());
        }
        return true;
    }

    /**
     * @param server a server's domain, e.g. {@code localhost}
     * @return the last advertisement from it on this stream, in whichever namespace
     */
    public Optional<Privilege> advertised(DomainBareJid server) {
        return Optional.ofNullable(grants.get(server));
    }

    /**
     * @param server the domain of the users concerned
     * @return the roster access usable with that server: {@link RosterAccess#NONE} unless it granted
     *         roster access under {@value Privilege#NAMESPACE}
     */
    public RosterAccess rosterAccess(DomainBareJid server) {
        Privilege privilege = grants.get(server);
        return privilege == null || !privilege.isCurrentVersion() ? RosterAccess.NONE : privilege.rosterAccess();
    }

    /** Forgets every grant; call when the component stream is (re)established. */
    public void reset() {
        grants.clear();
    }

    private static DomainBareJid serverOf(Stanza stanza) {
        Jid from = stanza.getFrom();
        if (from == null || from.hasLocalpart() || from.hasResource()) {
            return null;
        }
        return from.asDomainBareJid();
    }
}
