package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;

/**
 * Commands of the MSNP2–7 era that this network does not offer: FND (member search; soft-removed by
 * Microsoft with 502 in July 2003), SND / SDC (invitation e-mail), PAG (pager). All answer
 * {@code 502 TrID} (command disabled, docs/msnp.md §2.5); SDC and PAG payloads are read and dropped.
 */
final class RetiredCommands implements CommandFamily<NotificationConnection> {

    @Override
    public Set<String> commands() {
        return Set.of("FND", "SND", "SDC", "PAG");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        connection.sendError(MsnpError.COMMAND_DISABLED, command.param(0));
    }
}
