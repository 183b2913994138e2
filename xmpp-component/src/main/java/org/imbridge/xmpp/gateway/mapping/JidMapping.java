package org.imbridge.xmpp.gateway.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.imbridge.core.model.LegacyAddress;
import org.jxmpp.jid.BareJid;
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

    /** Beyond this many entries a cache starts over: a bound, not an eviction policy. */
    private static final int MAX_CACHED = 50_000;

    private final DomainBareJid transport;
    // Every message to or from a contact needs both JIDs; building them through JidCreate each time
    // (string concatenation, stringprep cache look-ups) showed in the transport's CPU profile.
    private final Map<LegacyAddress, EntityBareJid> contactJids = new ConcurrentHashMap<>();
    private final Map<String, BareJid> userJids = new ConcurrentHashMap<>();

    public JidMapping(DomainBareJid transport) {
        this.transport = transport;
    }

    public DomainBareJid transport() {
        return transport;
    }

    /** The contact JID for {@code address}; throws IllegalArgumentException if it cannot be a JID. */
    public EntityBareJid toJid(LegacyAddress address) {
        EntityBareJid jid = contactJids.get(address);
        if (jid == null) {
            String local = address.value().replace('@', '%');
            try {
                jid = JidCreate.entityBareFrom(local + "@" + transport);
            } catch (XmppStringprepException e) {
                throw new IllegalArgumentException("'" + address + "' cannot be written as a JID", e);
            }
            remember(contactJids, address, jid);
        }
        return jid;
    }

    /** A user's bare JID as the bridge keeps it (a string); throws IllegalArgumentException if it is not one. */
    public BareJid user(String userJid) {
        BareJid jid = userJids.get(userJid);
        if (jid == null) {
            try {
                jid = JidCreate.bareFrom(userJid);
            } catch (XmppStringprepException e) {
                throw new IllegalArgumentException(userJid, e);
            }
            remember(userJids, userJid, jid);
        }
        return jid;
    }

    private static <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, value);
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
