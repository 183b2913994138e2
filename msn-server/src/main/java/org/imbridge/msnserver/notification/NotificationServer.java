package org.imbridge.msnserver.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListOperationException;
import org.imbridge.msnserver.login.LoginRules;
import org.imbridge.msnserver.login.LoginStage;
import org.imbridge.msnserver.login.VersionCommands;
import org.imbridge.msnserver.ticket.SwitchboardTickets;
import org.imbridge.msnserver.wire.CommandRouter;
import org.imbridge.msnserver.wire.Endpoint;
import org.imbridge.msnserver.wire.MsnpServerHandler;
import org.imbridge.msnserver.wire.Params;
import org.imbridge.msnserver.wire.ServerContext;

/**
 * The notification server: its MINA handler, the command families it routes to, who is online, and
 * the server-initiated pushes (e-mail notices, system messages, challenges, {@code OUT SSD}).
 */
public final class NotificationServer {

    /** Commands that carry no transaction id after login. */
    private static final Set<String> WITHOUT_TRID = Set.of("PNG", "OUT", "MSG");

    private final ServerContext context;
    private final AccountDirectory directory;
    private final OnlineUsers online = new OnlineUsers();
    private final PresenceService presence;
    private final ChallengeService challenges;
    private final Set<NotificationConnection> connections = new LinkedHashSet<>();
    private final Handler handler;
    private int mailId;
    private boolean shuttingDown;

    /**
     * @param switchboard the advertised switchboard address for XFR SB; read on each XFR, so it may be
     *                    filled in after binding
     */
    public NotificationServer(ServerContext context, AccountDirectory directory, SwitchboardTickets tickets,
                              Supplier<Endpoint> switchboard, ChallengePolicy challengePolicy) {
        this.context = context;
        this.directory = directory;
        this.presence = new PresenceService(directory, online);
        this.challenges = new ChallengeService(context, challengePolicy);
        CommandRouter<NotificationConnection> router = new CommandRouter<>(List.of(
                new VersionCommands<>(),
                new LoginCommand(context, directory, online, presence),
                new ClientVersionCommand(),
                new SyncCommands(directory),
                new StatusCommand(presence, challenges),
                new ListCommands(directory, online, presence),
                new PrivacyCommands(directory, presence),
                new ProfileCommands(directory, presence),
                new GroupCommands(directory, online),
                new ChallengeCommands(challenges),
                new SwitchboardRequestCommand(tickets, switchboard),
                new SessionCommands(),
                new RetiredCommands()),
                new UnknownCommand());
        this.handler = new Handler(context, router);
    }

    public IoHandler handler() {
        return handler;
    }

    public OnlineUsers online() {
        return online;
    }

    public PresenceService presence() {
        return presence;
    }

    private final class Handler extends MsnpServerHandler<NotificationConnection> {

        private final CommandRouter<NotificationConnection> router;

        Handler(ServerContext context, CommandRouter<NotificationConnection> router) {
            super(NotificationConnection.class, context);
            this.router = router;
        }

        @Override
        protected NotificationConnection open(IoSession session) {
            NotificationConnection c = new NotificationConnection(session, NotificationServer.this::signOff);
            connections.add(c);
            return c;
        }

        @Override
        protected void onCommand(NotificationConnection connection, MsnpCommand command) {
            if (!LoginRules.admit(connection, command)) {
                return;
            }
            if (connection.stage() == LoginStage.LOGGED_IN && !WITHOUT_TRID.contains(command.name())
                    && !Params.hasTrId(command)) {
                connection.close(command.name() + " without a transaction id");
                return;
            }
            router.dispatch(connection, command);
        }
    }

    /** The connection is going away: it stops being online, its watchers see FLN. */
    private void signOff(NotificationConnection connection) {
        connections.remove(connection);
        Account account = connection.account();
        if (account == null || online.get(account.handle()) != connection) {
            return;
        }
        if (shuttingDown) {
            online.remove(account.handle(), connection);
        } else {
            presence.publish(account, () -> online.remove(account.handle(), connection));
        }
    }

    // ------------------------------------------------------------------ pushes (lock held by caller)

    /** A new-mail notice to {@code handle}; false when not online. */
    public boolean sendEmailNotification(String handle, String fromName, String fromAddress, String subject) {
        NotificationConnection c = online.get(handle);
        if (c == null) {
            return false;
        }
        c.account().countNewMail();
        return c.send(NotificationPayloads.message(
                NotificationPayloads.newEmail(fromName, fromAddress, subject, context.unixTime(), ++mailId)));
    }

    /** "Server going down in {@code minutes}" to {@code handle}; false when not online. */
    public boolean sendSystemMessage(String handle, int minutes) {
        NotificationConnection c = online.get(handle);
        return c != null && c.send(NotificationPayloads.message(NotificationPayloads.maintenance(minutes)));
    }

    /**
     * The server moves {@code contact} between {@code handle}'s AL and BL on its own (as another client
     * of the user's would): off the one list, onto the other, each told to the user if online as
     * {@code REM 0}/{@code ADD 0} (docs/msnp.md §5.5); watchers see the effect. False for an unknown account.
     */
    public boolean setBlocked(String handle, String contact, boolean blocked) {
        Account me = directory.find(handle);
        Account other = directory.find(contact);
        if (me == null || other == null) {
            return false;
        }
        ListType from = blocked ? ListType.AL : ListType.BL;
        ListType to = blocked ? ListType.BL : ListType.AL;
        try {
            if (me.isOnList(from, other.handle())) {
                long version = presence.publishRefusable(me, () -> directory.removeFromList(me, from, other.handle()));
                tell(handle, MsnpCommand.of("REM", "0", from, version, other.handle()));
            }
            if (!me.isOnList(to, other.handle())) {
                long version = presence.publishRefusable(me, () -> directory.addToList(me, to, other, other.nick()));
                tell(handle, MsnpCommand.of("ADD", "0", to, version, other.handle(), Names.wire(other.nick())));
            }
        } catch (ListOperationException e) {
            throw new IllegalStateException("moving " + contact + " to " + to + " of " + handle + " was refused", e);
        }
        return true;
    }

    private void tell(String handle, MsnpCommand command) {
        NotificationConnection c = online.get(handle);
        if (c != null) {
            c.send(command);
        }
    }

    /** Sends {@code CHL 0 challenge} now; empty when not online. */
    public Optional<String> challengeNow(String handle) {
        NotificationConnection c = online.get(handle);
        return c == null ? Optional.empty() : Optional.of(challenges.challenge(c, "0"));
    }

    /** Drops the connection of {@code handle} without a word; false when not online. */
    public boolean disconnect(String handle) {
        NotificationConnection c = online.get(handle);
        if (c == null) {
            return false;
        }
        c.close("dropped by the server");
        return true;
    }

    /** {@code OUT SSD} to every logged-in user, then closes every connection; returns their close futures. */
    public List<CloseFuture> shutdown() {
        shuttingDown = true;
        List<NotificationConnection> all = List.copyOf(connections);
        for (NotificationConnection c : all) {
            if (c.isLoggedIn()) {
                c.send(MsnpCommand.of("OUT", "SSD"));
            }
            c.close("server shutting down");
        }
        return all.stream().map(c -> c.session().getCloseFuture()).toList();
    }
}
