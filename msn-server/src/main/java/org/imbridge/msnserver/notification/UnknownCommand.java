package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;

/**
 * What the notification server does with commands it has no handler for: a client MSG closes the
 * connection (docs/msnp.md §2.2: clients may not MSG the NS); anything else gets {@code 200 TrID}.
 */
final class UnknownCommand implements CommandFamily<NotificationConnection> {

    @Override
    public Set<String> commands() {
        return Set.of();
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        if (command.is("MSG")) {
            connection.close("client sent MSG to the notification server");
            return;
        }
        connection.sendError(MsnpError.SYNTAX_ERROR, command.param(0));
    }
}
