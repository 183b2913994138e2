package org.imbridge.xmpp.gateway.disco;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The features we announce: each handler adds the namespace it really implements, for the transport
 * JID or for contact JIDs, so disco never claims more than is there.
 */
public final class Features {

    private final Set<String> transport = new CopyOnWriteArraySet<>();
    private final Set<String> contacts = new CopyOnWriteArraySet<>();

    public Features() {
        transport.add(DiscoInfoHandler.NAMESPACE_INFO);
        transport.add(DiscoItemsHandler.NAMESPACE_ITEMS);
        contacts.add(DiscoInfoHandler.NAMESPACE_INFO);
    }

    public Features addTransportFeature(String namespace) {
        transport.add(namespace);
        return this;
    }

    public Features addContactFeature(String namespace) {
        contacts.add(namespace);
        return this;
    }

    public Set<String> transportFeatures() {
        return Set.copyOf(transport);
    }

    public Set<String> contactFeatures() {
        return Set.copyOf(contacts);
    }
}
