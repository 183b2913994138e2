package org.imbridge.xmpp.gateway;

import java.util.Optional;

import org.imbridge.core.model.LegacyAddress;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Legacy addresses as JIDs of the transport, by the XEP-0100 convention: {@code alice@hotmail.com} is
 * {@code alice%hotmail.com@msn.example.org}. A legacy address never contains {@code %}, so the mapping
 * is one-to-one.
 */
public final class JidMapping {

    private final DomainBareJid transport;

    public JidMapping(DomainBareJid transport) {
        this.transport = transport;
    }

    public DomainBareJid transport() {
        return transport;
    }

    /** The contact JID for {@code address}; throws IllegalArgumentException if it cannot be a JID. */
    public EntityBareJid toJid(LegacyAddress address) {
        String local = address.value().replace('@', '%');
        try {
            return JidCreate.entityBareFrom(local + "@" + transport);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("'" + address + "' cannot be written as a JID", e);
        }
    }

    /** The legacy address of a contact JID of this transport, or empty for any other JID. */
    public Optional<LegacyAddress> toLegacy(Jid jid) {
        if (jid == null || !jid.getDomain().equals(transport) || !jid.hasLocalpart()) {
            return Optional.empty();
        }
        String local = jid.getLocalpartOrNull().toString();
        int percent = local.lastIndexOf('%');
        if (percent <= 0 || percent == local.length() - 1 || local.indexOf('%') != percent) {
            return Optional.empty();
        }
        return Optional.of(LegacyAddress.of(local.substring(0, percent) + "@" + local.substring(percent + 1)));
    }

    /** True when {@code jid} is the transport itself (bare or with a resource). */
    public boolean isTransport(Jid jid) {
        return jid != null && !jid.hasLocalpart() && jid.getDomain().equals(transport);
    }
}
