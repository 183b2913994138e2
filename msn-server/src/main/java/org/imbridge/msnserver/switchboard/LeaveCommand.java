package org.imbridge.msnserver.switchboard;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.wire.CommandFamily;

/**
 * {@code OUT} on a switchboard: leave the session; the server closes the socket and the others get
 * {@code BYE handle} (docs/msnp.md §6.3, §7.4). Closing the socket has the same effect.
 */
final class LeaveCommand implements CommandFamily<SwitchboardConnection> {

    @Override
    public Set<String> commands() {
        return Set.of("OUT");
    }

    @Override
    public void handle(SwitchboardConnection connection, MsnpCommand command) {
        connection.close("left the switchboard");
    }
}
