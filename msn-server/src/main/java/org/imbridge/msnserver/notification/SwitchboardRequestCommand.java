package org.imbridge.msnserver.notification;

import java.util.Set;
import java.util.function.Supplier;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.ticket.SwitchboardTickets;
import org.imbridge.msnserver.ticket.Ticket;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.imbridge.msnserver.wire.Endpoint;

/**
 * {@code XFR TrID SB} (docs/msnp.md §7.1) → {@code XFR TrID SB host:port CKI cookie} with a single-use
 * cookie; 913 while FLN or HDN; any other XFR type → 201.
 */
final class SwitchboardRequestCommand implements CommandFamily<NotificationConnection> {

    private final SwitchboardTickets tickets;
    private final Supplier<Endpoint> switchboard;

    SwitchboardRequestCommand(SwitchboardTickets tickets, Supplier<Endpoint> switchboard) {
        this.tickets = tickets;
        this.switchboard = switchboard;
    }

    @Override
    public Set<String> commands() {
        return Set.of("XFR");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, 2)) {
            return;
        }
        if (!"SB".equals(command.param(1))) {
            connection.sendError(MsnpError.INVALID_PARAMETER, trId);
            return;
        }
        if (!connection.status().isVisible()) {
            connection.sendError(MsnpError.NOT_ALLOWED_WHEN_OFFLINE, trId);
            return;
        }
        Ticket ticket = tickets.issueForNewSession(connection.account().handle());
        connection.send(MsnpCommand.of("XFR", trId, "SB", switchboard.get(), "CKI", ticket.cookie()));
    }
}
