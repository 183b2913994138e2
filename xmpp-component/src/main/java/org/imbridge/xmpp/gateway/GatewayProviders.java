package org.imbridge.xmpp.gateway;

import org.imbridge.xmpp.gateway.prompt.GatewayQuery;
import org.imbridge.xmpp.gateway.prompt.GatewayQueryProvider;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.provider.ProviderManager;

/**
 * Makes Smack able to parse everything the gateway handles: loads Smack's own providers (which a
 * component never triggers, having no Smack connection) and adds ours for elements Smack lacks.
 */
public final class GatewayProviders {

    private static volatile boolean registered;

    private GatewayProviders() {
    }

    public static synchronized void register() {
        if (registered) {
            return;
        }
        SmackConfiguration.getVersion();
        ProviderManager.addIQProvider(GatewayQuery.ELEMENT, GatewayQuery.NAMESPACE, GatewayQueryProvider.INSTANCE);
        registered = true;
    }
}
