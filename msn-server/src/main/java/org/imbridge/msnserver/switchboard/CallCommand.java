package org.imbridge.msnserver.switchboard;

import java.util.Set;
import java.util.function.Supplier;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.notification.NotificationConnection;
import org.imbridge.msnserver.notification.OnlineUsers;
import org.imbridge.msnserver.notification.PresenceService;
import org.imbridge.msnserver.ticket.SwitchboardTickets;
import org.imbridge.msnserver.ticket.Ticket;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.imbridge.msnserver.wire.Endpoint;

/**
 * {@code CAL TrID handle} (docs/msnp.md §7.3) → {@code CAL TrID RINGING sessid}, and the callee's
 * notification connection gets {@code RNG sessid host:port CKI cookie caller callerFriendly}.
 * Errors: 208 malformed handle; 215 already present or invited (including oneself); 217 offline,
 * unknown, not yet online (FLN) or hidden; 216 the callee blocks the caller (BL, or BLP BL without
 * AL); a wrong parameter count disconnects.
 */
final class CallCommand implements CommandFamily<SwitchboardConnection> {

    private final AccountDirectory directory;
    private final OnlineUsers online;
    private final PresenceService presence;
    private final SwitchboardTickets tickets;
    private final Supplier<Endpoint> switchboard;

    CallCommand(AccountDirectory directory, OnlineUsers online, PresenceService presence, SwitchboardTickets tickets,
                Supplier<Endpoint> switchboard) {
        this.directory = directory;
        this.online = online;
        this.presence = presence;
        this.tickets = tickets;
        this.switchboard = switchboard;
    }

    @Override
    public Set<String> commands() {
        return Set.of("CAL");
    }

    @Override
    public void handle(SwitchboardConnection connection, MsnpCommand command) {
        if (!CommandPreamble.expectParamsOrClose(connection, command, 2)) {
            return;
        }
        String trId = command.param(0);
        if (!MsnpNames.isValidHandle(command.param(1))) {
            connection.sendError(MsnpError.INVALID_USERNAME, trId);
            return;
        }
        String callee = AccountDirectory.normalize(command.param(1));
        Room room = connection.room();
        Ticket pending = room.invitation(callee);
        if (room.isPresent(callee) || pending != null && tickets.isLive(pending)) {
            connection.sendError(MsnpError.ALREADY_THERE, trId);
            return;
        }
        Account account = directory.find(callee);
        NotificationConnection calleeConnection = online.get(callee);
        if (account == null || calleeConnection == null || !presence.statusOf(callee).isVisible()) {
            connection.sendError(MsnpError.NOT_ONLINE, trId);
            return;
        }
        if (presence.blocks(account, connection.handle())) {
            connection.sendError(MsnpError.NOT_ON_LIST, trId);
            return;
        }
        Ticket ticket = tickets.issueInvitation(callee, room.sessionId());
        room.invite(ticket);
        Account caller = directory.find(connection.handle());
        String callerName = caller != null ? MsnpNames.encode(caller.nick()) : connection.friendly();
        calleeConnection.send(MsnpCommand.of("RNG", room.sessionId(), switchboard.get(), "CKI", ticket.cookie(),
                connection.handle(), callerName));
        connection.send(MsnpCommand.of("CAL", trId, "RINGING", room.sessionId()));
    }
}
