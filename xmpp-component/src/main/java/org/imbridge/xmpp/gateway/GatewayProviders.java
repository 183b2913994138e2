package org.imbridge.xmpp.gateway;

import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.imbridge.xmpp.files.oob.OutOfBandDataProvider;
import org.imbridge.xmpp.files.upload.UploadSlot;
import org.imbridge.xmpp.files.upload.UploadSlotProvider;
import org.imbridge.xmpp.gateway.prompt.GatewayQuery;
import org.imbridge.xmpp.gateway.prompt.GatewayQueryProvider;
import org.imbridge.xmpp.gateway.privilege.Privilege;
import org.imbridge.xmpp.gateway.privilege.PrivilegeProvider;
import org.imbridge.xmpp.gateway.roster.RosterExchange;
import org.imbridge.xmpp.gateway.roster.RosterExchangeProvider;
import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.provider.RosterPacketProvider;

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
        Smack.getVersion(); // runs Smack's own initialization (its providers) before ours
        ProviderManager.addIQProvider(GatewayQuery.ELEMENT, GatewayQuery.NAMESPACE, GatewayQueryProvider.INSTANCE);
        // XEP-0356: both namespaces, so that the old one is recognised (and declined)
        ProviderManager.addExtensionProvider(Privilege.ELEMENT, Privilege.NAMESPACE, PrivilegeProvider.INSTANCE);
        ProviderManager.addExtensionProvider(Privilege.ELEMENT, Privilege.NAMESPACE_V1, PrivilegeProvider.INSTANCE);
        // answers to privileged roster gets; smack-im registers it too, but only when its initializer ran
        ProviderManager.addIQProvider(RosterPacket.ELEMENT, RosterPacket.NAMESPACE, RosterPacketProvider.INSTANCE);
        ProviderManager.addExtensionProvider(RosterExchange.ELEMENT, RosterExchange.NAMESPACE,
                RosterExchangeProvider.INSTANCE);
        // file transfer: XEP-0066 URLs in messages, XEP-0363 slots answering our upload requests
        ProviderManager.addExtensionProvider(OutOfBandData.ELEMENT, OutOfBandData.NAMESPACE,
                OutOfBandDataProvider.INSTANCE);
        ProviderManager.addIQProvider(UploadSlot.ELEMENT, UploadSlot.NAMESPACE, UploadSlotProvider.INSTANCE);
        registered = true;
    }
}
