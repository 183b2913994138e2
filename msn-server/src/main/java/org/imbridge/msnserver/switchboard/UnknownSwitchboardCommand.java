package org.imbridge.msnserver.switchboard;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.Params;

/** Any other command in a switchboard session: {@code 200 TrID}, or close when it has no TrID. */
final class UnknownSwitchboardCommand implements CommandFamily<SwitchboardConnection> {

    @Override
    public Set<String> commands() {
        return Set.of();
    }

    @Override
    public void handle(SwitchboardConnection connection, MsnpCommand command) {
        if (Params.hasTrId(command)) {
            connection.sendError(MsnpError.SYNTAX_ERROR, command.param(0));
        } else {
            connection.close("unknown command " + command.name() + " without a transaction id");
        }
    }
}
