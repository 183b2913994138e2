package org.imbridge.msnserver.switchboard;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.notification.OnlineUsers;
import org.imbridge.msnserver.notification.PresenceService;
import org.imbridge.msnserver.ticket.SwitchboardTickets;
import org.imbridge.msnserver.ticket.Ticket;
import org.imbridge.msnserver.wire.CommandRouter;
import org.imbridge.msnserver.wire.Endpoint;
import org.imbridge.msnserver.wire.MsnpServerHandler;
import org.imbridge.msnserver.wire.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switchboard server: its MINA handler, rooms, and the two timers of every connection — the
 * authentication deadline (no USR / ANS in time ⇒ close) and the idle timeout (no command in time ⇒
 * {@code BYE handle 1} to the others and close).
 */
public final class SwitchboardServer {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);

    private final ServerContext context;
    private final Duration authTimeout;
    private final Duration idleTimeout;
    private final SwitchboardTickets tickets;
    private final RoomRegistry rooms;
    private final Set<SwitchboardConnection> connections = new LinkedHashSet<>();
    private final Handler handler;
    private boolean shuttingDown;

    /**
     * @param self the advertised address of this server, for RNG; read when the first CAL arrives, so
     *             it may be filled in after binding
     */
    public SwitchboardServer(ServerContext context, AccountDirectory directory, OnlineUsers online,
                             PresenceService presence, SwitchboardTickets tickets, Supplier<Endpoint> self,
                             Duration authTimeout, Duration idleTimeout) {
        this.context = context;
        this.tickets = tickets;
        this.authTimeout = authTimeout;
        this.idleTimeout = idleTimeout;
        this.rooms = new RoomRegistry(context);
        CommandRouter<SwitchboardConnection> router = new CommandRouter<>(List.of(
                new JoinCommands(directory, online, tickets, rooms, this::watchIdle),
                new CallCommand(directory, online, presence, tickets, self),
                new MessageCommand(),
                new LeaveCommand()),
                new UnknownSwitchboardCommand());
        this.handler = new Handler(context, router);
    }

    public IoHandler handler() {
        return handler;
    }

    /** Number of open sessions (rooms with at least one participant). */
    public int sessionCount() {
        return rooms.count();
    }

    /** The handles present in session {@code sessionId}, in join order; empty when there is no such session. */
    public List<String> participants(String sessionId) {
        Room room = rooms.find(sessionId);
        return room == null ? List.of() : room.participants().stream().map(SwitchboardConnection::handle).toList();
    }

    private final class Handler extends MsnpServerHandler<SwitchboardConnection> {

        private final CommandRouter<SwitchboardConnection> router;

        Handler(ServerContext context, CommandRouter<SwitchboardConnection> router) {
            super(SwitchboardConnection.class, context);
            this.router = router;
        }

        @Override
        protected SwitchboardConnection open(IoSession session) {
            SwitchboardConnection c = new SwitchboardConnection(session, SwitchboardServer.this::leave,
                    context.nanoTime());
            connections.add(c);
            c.timer(context.schedule(authTimeout, () -> {
                if (!c.isJoined() && !c.isClosing()) {
                    LOG.info("{}: no USR/ANS within {}, closing", c, authTimeout);
                    c.close("authentication deadline");
                }
            }));
            return c;
        }

        @Override
        protected void onCommand(SwitchboardConnection connection, MsnpCommand command) {
            connection.touch(context.nanoTime());
            boolean joinCommand = command.is("USR") || command.is("ANS");
            if (connection.isJoined() == joinCommand) {
                connection.close(joinCommand ? "second USR/ANS" : command.name() + " before USR/ANS");
                return;
            }
            router.dispatch(connection, command);
        }
    }

    private void watchIdle(SwitchboardConnection connection) {
        connection.timer(context.schedule(idleTimeout, () -> checkIdle(connection)));
    }

    private void checkIdle(SwitchboardConnection connection) {
        if (connection.isClosing()) {
            return;
        }
        long idle = context.nanoTime() - connection.lastActivity();
        if (idle >= idleTimeout.toNanos()) {
            connection.markIdleKick();
            connection.close("idle for " + idleTimeout);
        } else {
            connection.timer(context.schedule(Duration.ofNanos(idleTimeout.toNanos() - idle), () -> checkIdle(connection)));
        }
    }

    /** A participant leaves (OUT, socket closed, idle): BYE to the others; an empty room ends. */
    private void leave(SwitchboardConnection connection) {
        connections.remove(connection);
        Room room = connection.room();
        if (room == null || !room.remove(connection)) {
            return;
        }
        connection.leftRoom();
        if (shuttingDown) {
            return;
        }
        MsnpCommand bye = connection.idleKick()
                ? MsnpCommand.of("BYE", connection.handle(), "1")
                : MsnpCommand.of("BYE", connection.handle());
        for (SwitchboardConnection other : room.participants()) {
            other.send(bye);
        }
        if (room.isEmpty()) {
            rooms.remove(room);
            for (Ticket t : room.invitations()) {
                tickets.revoke(t);
            }
        }
    }

    /** Closes every switchboard connection; returns their close futures. */
    public List<CloseFuture> shutdown() {
        shuttingDown = true;
        List<SwitchboardConnection> all = List.copyOf(connections);
        for (SwitchboardConnection c : all) {
            c.close("server shutting down");
        }
        return all.stream().map(c -> c.session().getCloseFuture()).toList();
    }
}
