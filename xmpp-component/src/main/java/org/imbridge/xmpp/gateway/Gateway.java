package org.imbridge.xmpp.gateway;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionManager;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.xmpp.gateway.attention.AttentionMessages;
import org.imbridge.xmpp.gateway.files.FileTransferMetrics;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.imbridge.xmpp.gateway.files.FileTransfers;
import org.imbridge.xmpp.gateway.attention.AttentionRequests;
import org.imbridge.xmpp.gateway.basics.PingHandler;
import org.imbridge.xmpp.gateway.blocking.BlockListPushes;
import org.imbridge.xmpp.gateway.cluster.ClusterOptions;
import org.imbridge.xmpp.gateway.cluster.ClusterWatcher;
import org.imbridge.xmpp.gateway.cluster.SessionAdoption;
import org.imbridge.xmpp.gateway.blocking.BlockingRequests;
import org.imbridge.xmpp.gateway.basics.VersionHandler;
import org.imbridge.xmpp.gateway.disco.DiscoInfoHandler;
import org.imbridge.xmpp.gateway.disco.DiscoItemsHandler;
import org.imbridge.xmpp.gateway.disco.Features;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.imbridge.xmpp.gateway.groupchat.GroupChatRooms;
import org.imbridge.xmpp.gateway.groupchat.RoomLimits;
import org.imbridge.xmpp.gateway.iq.IqRouter;
import org.imbridge.xmpp.gateway.mapping.ContactNames;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.message.MessageHandler;
import org.imbridge.xmpp.gateway.outbound.StanzaOutput;
import org.imbridge.xmpp.gateway.presence.PresenceHandler;
import org.imbridge.xmpp.gateway.privilege.PrivilegeState;
import org.imbridge.xmpp.gateway.prompt.GatewayQuery;
import org.imbridge.xmpp.gateway.prompt.GatewayQueryHandler;
import org.imbridge.xmpp.gateway.register.LocalRemovals;
import org.imbridge.xmpp.gateway.register.NotRegistered;
import org.imbridge.xmpp.gateway.register.RegisterHandler;
import org.imbridge.xmpp.gateway.register.RegistrationRemovals;
import org.imbridge.xmpp.gateway.register.RemovalLogFollower;
import org.imbridge.xmpp.gateway.register.RegistrationListener;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.gateway.roster.PrivilegedRosterSync;
import org.imbridge.xmpp.gateway.roster.ExchangeRosterSync;
import org.imbridge.xmpp.gateway.roster.RosterExchangeClients;
import org.imbridge.xmpp.gateway.roster.RosterExchangeReceiver;
import org.imbridge.xmpp.gateway.roster.RosterGroupEdits;
import org.imbridge.xmpp.gateway.roster.RosterPushHandler;
import org.imbridge.xmpp.gateway.roster.RosterSyncSelector;
import org.imbridge.xmpp.gateway.roster.SubscriptionRosterSync;
import org.imbridge.xmpp.gateway.settings.SettingsCommand;
import org.imbridge.xmpp.gateway.settings.UserSettings;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.imbridge.xmpp.gateway.unsupported.UnsupportedContentNotices;
import org.imbridge.xmpp.gateway.vcard.VCardHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.impl.JidCreate;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;

/**
 * The transport's stanza side, assembled: every handler, the session manager of the legacy network,
 * and the bridge output that turns legacy events into stanzas. {@link #accept} takes every stanza the
 * server routes to the component; {@link #streamOnline()} must be called each time the component
 * stream is (re)established.
 */
public final class Gateway {

    private final IqRouter iqs;
    private final IqRequests requests;
    private final PrivilegeState privileges = new PrivilegeState();
    private final RosterSyncSelector roster;
    private final PresenceHandler presences;
    private final MessageHandler messages;
    private final RosterExchangeReceiver rosterExchanges;
    private final RosterExchangeClients exchangeClients;
    private final SessionManager sessions;
    private final StanzaOutput output;
    private final JidMapping jids;
    private final StanzaSink sink;
    private final UnmappedContactJids unmapped;
    private final GroupChatRooms rooms;
    private final RegistrationRemovals removals;
    private final RemovalLogFollower removalLog;
    private final SettingsCommand settingsCommand;
    private final ClusterWatcher cluster;
    private final SessionAdoption adoption;
    private final FileTransfers files;

    /** The only transport instance of its domain. */
    public Gateway(JidMapping jids, LegacyNetwork network, RegistrationStore store, StanzaSink sink,
                   Supplier<UserAllowlist> allowlist, Executor pool,
                   ScheduledExecutorService scheduler, SessionPolicy policy) {
        this(jids, network, store, sink, allowlist, pool, scheduler, policy, ClusterOptions.sole());
    }

    /** One of the instances that {@code clusterOptions} shares users with, without files. */
    public Gateway(JidMapping jids, LegacyNetwork network, RegistrationStore store, StanzaSink sink,
                   Supplier<UserAllowlist> allowlist, Executor pool,
                   ScheduledExecutorService scheduler, SessionPolicy policy, ClusterOptions clusterOptions) {
        this(jids, network, store, sink, allowlist, pool, scheduler, policy, clusterOptions,
                FileTransferOptions.disabled(), FileTransferMetrics.NONE);
    }

    /** One of the instances that {@code clusterOptions} shares users with, moving files as {@code fileOptions} say. */
    public Gateway(JidMapping jids, LegacyNetwork network, RegistrationStore store, StanzaSink sink,
                   Supplier<UserAllowlist> allowlist, Executor pool,
                   ScheduledExecutorService scheduler, SessionPolicy policy, ClusterOptions clusterOptions,
                   FileTransferOptions fileOptions, FileTransferMetrics fileMetrics) {
        GatewayProviders.register();
        this.requests = new IqRequests(sink, scheduler, IqRequests.DEFAULT_TIMEOUT);
        // looks the user up at each use: the session manager is made after the roster sync that feeds it
        RosterGroupEdits groupEdits = new RosterGroupEdits(this::bridgedUser);
        SubscriptionRosterSync subscriptions = new SubscriptionRosterSync(jids, sink, store, network.id());
        this.exchangeClients = new RosterExchangeClients(requests);
        // a client that takes items became known after the login's sync chose subscriptions: sync again.
        // Also while the login is still going on: the contact list comes (and is synced) before the login
        // ends, and a sync is additive, so one made before the list came sends nothing.
        exchangeClients.onNewlyTaking(user -> bridgedUser(user)
                .filter(u -> u.state() == LinkState.ONLINE || u.state() == LinkState.CONNECTING)
                .ifPresent(u -> pool.execute(() -> roster().sync(user, u.contacts()))));
        this.roster = new RosterSyncSelector(privileges,
                listener -> new PrivilegedRosterSync(jids, requests, privileges, store, network.id(), pool, listener,
                        groupEdits::groupsChanged),
                subscriptions,
                new ExchangeRosterSync(jids, sink, store, network.id(), exchangeClients, subscriptions),
                user -> exchangeClients.client(user).isPresent(), exchangeClients::settled, this::currentContacts);
        this.jids = jids;
        this.sink = sink;
        ContactNames names = this::contactName;
        // the transfers look the user up at each use: the session manager is made after the output
        this.files = new FileTransfers(fileOptions, jids, sink, requests, names, this::bridgedUser, fileMetrics);
        // the rooms look the user up at each use: the session manager is made after the output it feeds
        this.rooms = new GroupChatRooms(jids, sink, RoomLimits.DEFAULT, this::bridgedUser, this::whyOffline);
        this.output = new StanzaOutput(jids, sink, roster, network.profile(), rooms,
                new AttentionMessages(jids, names, sink), new UnsupportedContentNotices(jids, names, sink),
                new BlockListPushes(jids, sink, this::resources),
                user -> scheduler.schedule(() -> probe(user),
                        clusterOptions.handoverGrace().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS),
                files.incoming());
        this.sessions = new SessionManager(network, store, output, pool, scheduler, policy, clusterOptions.ownership());
        this.cluster = new ClusterWatcher(clusterOptions.ownership(), network.id(), this::probe, System::nanoTime,
                clusterOptions.slots(), clusterOptions.streams());
        this.adoption = clusterOptions.shared() ? new SessionAdoption(sessions, this::probe) : null;
        Features features = new Features()
                .addTransportFeature(org.jivesoftware.smackx.iqregister.packet.Registration.NAMESPACE)
                .addTransportFeature(GatewayQuery.NAMESPACE)
                .addTransportFeature(Version.NAMESPACE)
                .addTransportFeature(PingHandler.NAMESPACE)
                .addTransportFeature(AdHocCommandData.NAMESPACE) // admin commands, answered in front of the gateway
                .addTransportFeature(GroupChatRooms.mucNamespace()) // it hosts the rooms of group conversations
                .addTransportFeature(BlockingRequests.NAMESPACE)
                .addTransportFeature(org.imbridge.xmpp.gateway.roster.RosterExchange.NAMESPACE) // takes modify items
                .addContactFeature(AttentionMessages.NAMESPACE)
                .addContactFeature(ChatStateExtension.NAMESPACE)
                .addContactFeature(DeliveryReceipt.NAMESPACE)
                .addContactFeature(org.imbridge.xmpp.files.oob.OutOfBandData.NAMESPACE)
                .addTransportFeature(VCard.NAMESPACE)
                .addContactFeature(VCard.NAMESPACE);
        RegistrationListener followRegistrations = new RegistrationListener() {
            @Override
            public void onRegistered(Registration registration, boolean isNew) {
                if (!isNew) {
                    sessions.registrationChanged(registration);
                }
            }

            @Override
            public void onUnregistering(String userJid) {
                output.forgetUser(userJid);
                // again once the session has ended: a request may come in while it logs out
                sessions.remove(userJid).whenComplete((v, e) -> output.forgetUser(userJid));
            }
        };
        LocalRemovals localRemovals = new LocalRemovals();
        this.removals = new RegistrationRemovals(jids, network.profile(), store, sink, followRegistrations, localRemovals);
        this.removalLog = new RemovalLogFollower(store, removals::removedElsewhere, Clock.systemUTC());
        UserSettings userSettings = new UserSettings(network.profile(), sessions::user);
        this.settingsCommand = new SettingsCommand(userSettings, store);
        this.rosterExchanges = new RosterExchangeReceiver(jids, groupEdits);
        this.iqs = new IqRouter(sink)
                .register(new DiscoInfoHandler(jids, features, network.name() + " Transport", network.gatewayType()))
                .register(new DiscoItemsHandler())
                .register(new VersionHandler())
                .register(new PingHandler())
                .register(new RosterPushHandler(jids, groupEdits))
                .register(new GatewayQueryHandler(jids, network))
                .register(new VCardHandler(jids, sessions))
                .register(new RegisterHandler(jids, network, store, pool, allowlist, sink, followRegistrations,
                        localRemovals, userSettings));
        new BlockingRequests(jids, sessions).handlers().forEach(iqs::register);
        this.unmapped = new UnmappedContactJids(jids, network::isValidAccount);
        this.presences = new PresenceHandler(jids, sessions, output, sink);
        this.messages = new MessageHandler(jids, sessions, sink, new AttentionRequests(sessions, sink),
                files.outgoing());
    }

    public void accept(Stanza stanza) {
        if (rooms.accept(stanza) || unmapped.refuse(stanza, sink)) {
            return;
        }
        if (stanza instanceof IQ iq) {
            if (!requests.accept(iq)) {
                iqs.route(iq);
            }
        } else if (stanza instanceof Presence presence) {
            if (presence.getFrom() != null && presence.getTo() != null && jids.isTransport(presence.getTo())) {
                exchangeClients.presence(presence, jids.transport());
            }
            presences.handle(presence);
            if (presence.getType() == Presence.Type.available && presence.getFrom() != null
                    && presence.getFrom().hasLocalpart() && presence.getTo() != null && jids.isTransport(presence.getTo())) {
                String user = presence.getFrom().asBareJid().toString();
                sessions.user(user).filter(u -> u.state() == LinkState.ONLINE)
                        .ifPresent(u -> roster.userPresent(user, u::contacts));
            }
        } else if (stanza instanceof Message message) {
            if (!privileges.accept(message) && !rosterExchanges.accept(message)) {
                if (adoption != null) {
                    adoption.handle(message, messages::handle);
                } else {
                    messages.handle(message);
                }
            }
        }
    }

    /**
     * After the component stream was re-established: tell every active user again where their
     * session stands and what their contacts' presences are, and probe the user's presence, since the
     * server forgot what it had routed to us.
     */
    public void reannounce() {
        for (BridgedUser user : sessions.activeUsers()) {
            output.linkState(user.userJid(), user.state(), user.state() == LinkState.ONLINE
                    ? "Connected to " + sessions.network().name() : "Reconnecting to " + sessions.network().name());
            for (Contact contact : user.contacts()) {
                if (contact.presence().isOnline()) {
                    output.contactPresence(user.userJid(), contact.address(), contact.presence());
                }
            }
            probe(user.userJid());
        }
    }

    /** Asks the user's server for the user's presence (the transport is subscribed to it). */
    private void probe(String userJid) {
        sink.send(StanzaBuilder.buildPresence().ofType(Presence.Type.probe).from(jids.transport())
                .to(JidCreate.bareFromOrThrowUnchecked(userJid)).build());
    }

    /** This instance's heartbeat among the instances of its domain; {@link ClusterWatcher#beat()} it regularly. */
    public ClusterWatcher cluster() {
        return cluster;
    }

    /**
     * The component stream was (re)established: forget what the server granted on the previous stream
     * (it says so again right after the handshake) and give up on requests whose answers were lost.
     */
    public void streamOnline() {
        privileges.reset();
        requests.cancelAll("the component stream was re-established");
    }

    /** @return what each server granted the component on the current stream */
    public PrivilegeState privileges() {
        return privileges;
    }

    /** @return how contacts reach each user's roster */
    public RosterSyncSelector roster() {
        return roster;
    }

    /** What the gateway sends about the users' legacy sessions (and the requests they have to answer). */
    public StanzaOutput output() {
        return output;
    }

    public SessionManager sessions() {
        return sessions;
    }

    /** The users' own "Settings" ad-hoc command, which the commands' front door answers. */
    public SettingsCommand settingsCommand() {
        return settingsCommand;
    }

    /** Removes registrations for administrators, and carries out those removed elsewhere. */
    public RegistrationRemovals removals() {
        return removals;
    }

    /** The store's removal log, to {@link RemovalLogFollower#poll() poll} every few seconds. */
    public RemovalLogFollower removalLog() {
        return removalLog;
    }

    private CompletionStage<StanzaError> whyOffline(String userJid) {
        return sessions.notConnected(userJid).thenApply(failure -> failure.kind() == DeliveryFailure.Kind.NOT_REGISTERED
                ? StanzaError.from(NotRegistered.CONDITION, NotRegistered.text(sessions.network().profile(),
                        jids.transport())).build()
                : StanzaError.from(StanzaError.Condition.service_unavailable, failure.userText()).build());
    }

    private Optional<BridgedUser> bridgedUser(String userJid) {
        return sessions.user(userJid);
    }

    private String contactName(String userJid, LegacyAddress contact) {
        return sessions.user(userJid).flatMap(u -> u.contact(contact)).map(Contact::displayName).orElse(contact.value());
    }

    private Set<String> resources(String userJid) {
        return sessions.user(userJid).map(BridgedUser::resources).orElse(Set.of());
    }

    private Collection<Contact> currentContacts(String userJid) {
        return sessions.user(userJid).map(BridgedUser::contacts).<Collection<Contact>>map(List::copyOf).orElse(List.of());
    }
}
