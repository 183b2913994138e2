package org.imbridge.xmpp.gateway;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionManager;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.xmpp.gateway.basics.PingHandler;
import org.imbridge.xmpp.gateway.basics.VersionHandler;
import org.imbridge.xmpp.gateway.bridge.XmppBridgeOutput;
import org.imbridge.xmpp.gateway.disco.DiscoInfoHandler;
import org.imbridge.xmpp.gateway.disco.DiscoItemsHandler;
import org.imbridge.xmpp.gateway.disco.Features;
import org.imbridge.xmpp.gateway.message.MessageHandler;
import org.imbridge.xmpp.gateway.presence.PresenceHandler;
import org.imbridge.xmpp.gateway.prompt.GatewayQuery;
import org.imbridge.xmpp.gateway.prompt.GatewayQueryHandler;
import org.imbridge.xmpp.gateway.register.RegisterHandler;
import org.imbridge.xmpp.gateway.register.RegistrationListener;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.gateway.roster.RosterSync;
import org.imbridge.xmpp.gateway.roster.SubscriptionRosterSync;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;

/**
 * The transport's stanza side, assembled: every handler, the session manager of the legacy network,
 * and the bridge output that turns legacy events into stanzas. {@link #accept} takes every stanza the
 * server routes to the component.
 */
public final class Gateway {

    private final IqRouter iqs;
    private final PresenceHandler presences;
    private final MessageHandler messages;
    private final SessionManager sessions;

    public Gateway(JidMapping jids, LegacyNetwork network, RegistrationStore store, StanzaSink sink,
                   Supplier<UserAllowlist> allowlist, int maxBodyBytes, Executor pool,
                   ScheduledExecutorService scheduler, SessionPolicy policy) {
        GatewayProviders.register();
        RosterSync roster = new SubscriptionRosterSync(jids, sink, store, network.id());
        XmppBridgeOutput output = new XmppBridgeOutput(jids, sink, roster);
        this.sessions = new SessionManager(network, store, output, pool, scheduler, policy);
        Features features = new Features()
                .addTransportFeature(org.jivesoftware.smackx.iqregister.packet.Registration.NAMESPACE)
                .addTransportFeature(GatewayQuery.NAMESPACE)
                .addTransportFeature(Version.NAMESPACE)
                .addTransportFeature(PingHandler.NAMESPACE)
                .addTransportFeature(AdHocCommandData.NAMESPACE) // admin commands, answered in front of the gateway
                .addContactFeature(ChatStateExtension.NAMESPACE)
                .addContactFeature(DeliveryReceipt.NAMESPACE);
        RegistrationListener followRegistrations = new RegistrationListener() {
            @Override
            public void onRegistered(Registration registration, boolean isNew) {
                if (!isNew) {
                    sessions.registrationChanged(registration);
                }
            }

            @Override
            public void onUnregistering(String userJid) {
                sessions.remove(userJid);
            }
        };
        this.iqs = new IqRouter(sink)
                .register(new DiscoInfoHandler(jids, features, network.name() + " Transport", network.gatewayType()))
                .register(new DiscoItemsHandler())
                .register(new VersionHandler())
                .register(new PingHandler())
                .register(new GatewayQueryHandler(jids, network))
                .register(new RegisterHandler(jids, network, store, pool, allowlist, sink, followRegistrations));
        this.presences = new PresenceHandler(jids, sessions, output, sink);
        this.messages = new MessageHandler(jids, sessions, sink, maxBodyBytes);
    }

    public void accept(Stanza stanza) {
        if (stanza instanceof IQ iq) {
            iqs.route(iq);
        } else if (stanza instanceof Presence presence) {
            presences.handle(presence);
        } else if (stanza instanceof Message message) {
            messages.handle(message);
        }
    }

    public SessionManager sessions() {
        return sessions;
    }
}
