package org.imbridge.xmpp.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.imbridge.core.cluster.Membership;
import org.imbridge.core.logging.LogContext;
import org.imbridge.xmpp.gateway.settings.SettingsCommand;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's XEP-0050 commands: answers {@code command} IQs, the disco#items listing of the
 * commands node and disco#info on each command's node. Only the admins of the config may list or
 * run the admin commands; others get {@code forbidden}. Every registered user (admins too) may list
 * and run the users' own commands (their settings); others get {@code registration-required}.
 * Commands run on {@code pool} (they may touch the store); multi-stage sessions expire after
 * {@link #SESSION_LIFETIME}.
 *
 * <pre>
 * AdminCommands admin = new AdminCommands(transportJid, config::admins, control, sink, pool, gateway.settingsCommand());
 * connection.onStanza(s -&gt; { if (!admin.accept(s)) gateway.accept(s); });
 * </pre>
 */
public final class AdminCommands {

    /** The XEP-0050 namespace, which is also the node that lists the commands. */
    public static final String NAMESPACE = AdHocCommandData.NAMESPACE;
    static final Duration SESSION_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_SESSIONS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(AdminCommands.class);

    private final DomainBareJid transport;
    private final Supplier<Set<String>> admins;
    private final StanzaSink sink;
    private final Executor pool;
    private final Clock clock;
    private final Map<String, AdminCommand> commands = new LinkedHashMap<>();
    private final Map<String, Pending> sessions = new ConcurrentHashMap<>();

    /**
     * @param transport the transport's domain
     * @param admins    the admins' bare JIDs, read on every request (so that reloads apply)
     * @param control   what the commands act on
     * @param sink      where answers go
     * @param pool      where commands run
     */
    public AdminCommands(DomainBareJid transport, Supplier<Set<String>> admins, TransportControl control,
                         StanzaSink sink, Executor pool) {
        this(transport, admins, control, sink, pool, null, alone(control), Clock.systemUTC());
    }

    /** As above, also offering every registered user {@code userSettings}. */
    public AdminCommands(DomainBareJid transport, Supplier<Set<String>> admins, TransportControl control,
                         StanzaSink sink, Executor pool, SettingsCommand userSettings) {
        this(transport, admins, control, sink, pool, userSettings, alone(control), Clock.systemUTC());
    }

    /**
     * As above, for an instance among several on one domain: the statistics and the online users say
     * which instance answers and what every live instance holds.
     *
     * @param instance   this instance's name ({@code instance.name})
     * @param deployment the live instances and their sessions, as last seen; read on every command
     */
    public AdminCommands(DomainBareJid transport, Supplier<Set<String>> admins, TransportControl control,
                         StanzaSink sink, Executor pool, SettingsCommand userSettings, String instance,
                         Supplier<Membership> deployment) {
        this(transport, admins, control, sink, pool, userSettings, new Deployment(instance, deployment),
                Clock.systemUTC());
    }

    AdminCommands(DomainBareJid transport, Supplier<Set<String>> admins, TransportControl control, StanzaSink sink,
                  Executor pool, SettingsCommand userSettings, Deployment deployment, Clock clock) {
        this.transport = transport;
        this.admins = admins;
        this.sink = sink;
        this.pool = pool;
        this.clock = clock;
        for (AdminCommand c : new AdminCommand[] {new OnlineUsersCommand(control, deployment),
                new StatisticsCommand(control, deployment),
                new AnnounceCommand(control), new DisconnectUserCommand(control), new RemoveUserCommand(control),
                new ReloadConfigCommand(control)}) {
            commands.put(c.node(), c);
        }
        if (userSettings != null) {
            commands.put(userSettings.node(), new UserSettingsCommand(userSettings));
        }
    }

    private static Deployment alone(TransportControl control) {
        return Deployment.alone("local", () -> control.activeUsers().size());
    }

    /**
     * Handles {@code stanza} when it is for the commands.
     *
     * @return true when it was (an answer is on its way), false when the gateway should have it
     */
    public boolean accept(Stanza stanza) {
        if (!(stanza instanceof IQ iq) || (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set)
                || iq.getTo() == null || !iq.getTo().equals(transport) || iq.getFrom() == null) {
            return false;
        }
        if (iq instanceof AdHocCommandData command) {
            run(() -> execute(command));
            return true;
        }
        if (iq instanceof DiscoverItems items && NAMESPACE.equals(items.getNode())) {
            run(() -> sink.send(list(items))); // whether a user is registered is a look-up in the store
            return true;
        }
        if (iq instanceof DiscoverInfo info && info.getNode() != null
                && (commands.containsKey(info.getNode()) || NAMESPACE.equals(info.getNode()))) {
            sink.send(info(info));
            return true;
        }
        return false;
    }

    private boolean isAdmin(Jid from) {
        return admins.get().contains(from.asBareJid().toString());
    }

    private void run(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("admin command dropped: the transport is stopping");
        }
    }

    private void execute(AdHocCommandData request) {
        String admin = request.getFrom().asBareJid().toString();
        LogContext.of("user", admin).run(() -> {
            try {
                sink.send(answer(request, admin));
            } catch (Exception e) {
                LOG.warn("admin command {} failed", request.getNode(), e);
                sink.send(IQ.createErrorResponse(request, StanzaError.Condition.internal_server_error));
            }
        });
    }

    private IQ answer(AdHocCommandData request, String admin) throws Exception {
        boolean isAdmin = isAdmin(request.getFrom());
        AdminCommand command = commands.get(request.getNode());
        if (command != null && !command.forAdminsOnly() && !command.mayRun(admin, isAdmin)) {
            LOG.info("refused command {} from {}: not registered", request.getNode(), admin);
            return IQ.createErrorResponse(request, StanzaError.getBuilder(StanzaError.Condition.registration_required)
                    .setDescriptiveEnText("Register with the transport first.").build());
        }
        if (!isAdmin && (command == null || command.forAdminsOnly())) {
            LOG.info("refused admin command {} from {}: not an admin", request.getNode(), admin);
            return IQ.createErrorResponse(request, StanzaError.getBuilder(StanzaError.Condition.forbidden)
                    .setDescriptiveEnText("Only the transport's administrators may run commands.").build());
        }
        if (command == null) {
            return IQ.createErrorResponse(request, StanzaError.Condition.item_not_found);
        }
        expireSessions();
        AdHocCommand.Action action = request.getAction() == null ? AdHocCommand.Action.execute : request.getAction();
        String sessionId = request.getSessionID();
        if (sessionId == null) {
            // XEP-0050: the responder names a session in every answer, even a one-stage one
            String id = UUID.randomUUID().toString();
            if (action == AdHocCommand.Action.cancel) {
                return reply(request, command, id, AdHocCommand.Status.canceled, null);
            }
            LOG.info("admin command '{}' by {}", command.name(), admin);
            AdminReply first = command.start(admin);
            if (first.needsInput()) {
                if (sessions.size() >= MAX_SESSIONS) {
                    return IQ.createErrorResponse(request, StanzaError.Condition.resource_constraint);
                }
                sessions.put(id, new Pending(command.node(), admin, clock.instant()));
                return reply(request, command, id, AdHocCommand.Status.executing, first);
            }
            return reply(request, command, id, AdHocCommand.Status.completed, first);
        }
        Pending pending = sessions.remove(sessionId);
        if (pending == null || !pending.node().equals(command.node()) || !pending.admin().equals(admin)) {
            return IQ.createErrorResponse(request, StanzaError.getBuilder(StanzaError.Condition.bad_request)
                    .setDescriptiveEnText("Unknown or expired session; start the command again.").build());
        }
        if (action == AdHocCommand.Action.cancel) {
            return reply(request, command, sessionId, AdHocCommand.Status.canceled, null);
        }
        DataForm form = request.getForm();
        return reply(request, command, sessionId, AdHocCommand.Status.completed, command.submit(admin, form));
    }

    private void expireSessions() {
        Instant oldest = clock.instant().minus(SESSION_LIFETIME);
        for (Iterator<Pending> it = sessions.values().iterator(); it.hasNext(); ) {
            if (it.next().started().isBefore(oldest)) {
                it.remove();
            }
        }
    }

    private static AdHocCommandData reply(AdHocCommandData request, AdminCommand command, String sessionId,
                                          AdHocCommand.Status status, AdminReply content) {
        AdHocCommandData r = new AdHocCommandData();
        r.setType(IQ.Type.result);
        r.setStanzaId(request.getStanzaId());
        r.setTo(request.getFrom());
        r.setFrom(request.getTo());
        r.setNode(command.node());
        r.setSessionID(sessionId);
        r.setStatus(status);
        if (status == AdHocCommand.Status.executing) {
            r.addAction(AdHocCommand.Action.complete);
            r.setExecuteAction(AdHocCommand.Action.complete);
        }
        if (content != null) {
            if (content.form() != null) {
                r.setForm(content.form());
            }
            if (content.note() != null) {
                r.addNote(new AdHocCommandNote(content.noteType(), content.note()));
            }
        }
        return r;
    }

    private IQ list(DiscoverItems request) {
        DiscoverItems answer = new DiscoverItems();
        answer.setType(IQ.Type.result);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setFrom(request.getTo());
        answer.setNode(NAMESPACE);
        boolean isAdmin = isAdmin(request.getFrom());
        String user = request.getFrom().asBareJid().toString();
        for (AdminCommand c : commands.values()) {
            if (c.mayRun(user, isAdmin)) {
                DiscoverItems.Item item = new DiscoverItems.Item(transport);
                item.setNode(c.node());
                item.setName(c.name());
                answer.addItem(item);
            }
        }
        return answer;
    }

    private IQ info(DiscoverInfo request) {
        DiscoverInfoBuilder answer = DiscoverInfoBuilder.buildResponseFor(request, IQ.ResponseType.result);
        if (NAMESPACE.equals(request.getNode())) {
            answer.addIdentity(new DiscoverInfo.Identity("automation", "Commands", "command-list"));
        } else {
            answer.addIdentity(new DiscoverInfo.Identity("automation", commands.get(request.getNode()).name(),
                    "command-node"));
            answer.addFeature(NAMESPACE);
            answer.addFeature(DataForm.NAMESPACE);
        }
        return answer.build();
    }

    /** A command waiting for its form. */
    private record Pending(String node, String admin, Instant started) {
    }
}
