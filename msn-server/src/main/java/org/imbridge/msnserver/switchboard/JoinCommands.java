package org.imbridge.msnserver.switchboard;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.notification.OnlineUsers;
import org.imbridge.msnserver.ticket.SwitchboardTickets;
import org.imbridge.msnserver.ticket.Ticket;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USR and ANS: the two ways into a switchboard (docs/msnp.md §7.1, §7.2).
 * {@code USR TrID handle cookie} with an XFR SB cookie → {@code USR TrID OK handle friendly}, a new
 * session. {@code ANS TrID handle cookie sessid} with an RNG cookie → {@code IRO TrID i n handle
 * friendly} for everyone present (join order), {@code ANS TrID OK}, and {@code JOI handle friendly}
 * to the others. A cookie that is unknown, used, expired, of the other kind, for another handle or
 * session, or a user no longer logged in to the notification server → 911 and close. Wrong parameter
 * counts close without a reply.
 */
final class JoinCommands implements CommandFamily<SwitchboardConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(JoinCommands.class);

    private final AccountDirectory directory;
    private final OnlineUsers online;
    private final SwitchboardTickets tickets;
    private final RoomRegistry rooms;
    private final Consumer<SwitchboardConnection> onJoined;

    JoinCommands(AccountDirectory directory, OnlineUsers online, SwitchboardTickets tickets, RoomRegistry rooms,
                 Consumer<SwitchboardConnection> onJoined) {
        this.directory = directory;
        this.online = online;
        this.tickets = tickets;
        this.rooms = rooms;
        this.onJoined = onJoined;
    }

    @Override
    public Set<String> commands() {
        return Set.of("USR", "ANS");
    }

    @Override
    public void handle(SwitchboardConnection connection, MsnpCommand command) {
        boolean answer = command.is("ANS");
        if (!CommandPreamble.expectParamsOrClose(connection, command, answer ? 4 : 3)) {
            return;
        }
        String trId = command.param(0);
        String handle = AccountDirectory.normalize(command.param(1));
        Ticket ticket = tickets.redeem(command.param(2));
        Account account = directory.find(handle);
        Room room = answer ? rooms.find(command.param(3)) : null;
        boolean valid = ticket != null && ticket.handle().equals(handle) && account != null
                && online.get(handle) != null
                && (answer
                    ? ticket.kind() == Ticket.Kind.INVITE && room != null
                        && ticket.sessionId().equals(room.sessionId()) && !room.isPresent(handle)
                    : ticket.kind() == Ticket.Kind.CREATE);
        if (!valid) {
            LOG.info("{}: {} for {} with a bad cookie {}", connection, command.name(), handle,
                    Ticket.redact(command.param(2)));
            connection.failAndClose(MsnpError.AUTHENTICATION_FAILED, trId, command.name() + " with a bad cookie");
            return;
        }
        String friendly = MsnpNames.encode(account.nick());
        if (answer) {
            room.invitationUsed(ticket);
            List<SwitchboardConnection> present = room.participants();
            int index = 1;
            for (SwitchboardConnection p : present) {
                connection.send(MsnpCommand.of("IRO", trId, index++, present.size(), p.handle(), p.friendly()));
            }
            connection.send(MsnpCommand.of("ANS", trId, "OK"));
            for (SwitchboardConnection p : present) {
                p.send(MsnpCommand.of("JOI", handle, friendly));
            }
        } else {
            room = rooms.create();
            connection.send(MsnpCommand.of("USR", trId, "OK", handle, friendly));
        }
        connection.joined(handle, friendly, room);
        room.add(connection);
        onJoined.accept(connection);
    }
}
