package org.imbridge.msnserver.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.Params;

/**
 * VER and INF for the dispatch and notification servers (docs/msnp.md §3.2, §3.3). The login rules have
 * already checked that the command is expected now.
 *
 * @param <C> the server's connection type
 */
public final class VersionCommands<C extends LoginConnection> implements CommandFamily<C> {

    /** The only security package we offer. */
    public static final String SECURITY_PACKAGE = "MD5";

    @Override
    public Set<String> commands() {
        return Set.of("VER", "INF");
    }

    @Override
    public void handle(C connection, MsnpCommand command) {
        if (!Params.hasTrId(command)) {
            connection.close(command.name() + " without a transaction id");
            return;
        }
        String trId = command.param(0);
        if (command.is("INF")) {
            connection.infoAnswered(true);
            connection.send(MsnpCommand.of("INF", trId, SECURITY_PACKAGE));
            return;
        }
        List<String> offered = command.params().subList(1, command.paramCount());
        List<String> accepted = VersionNegotiation.accepted(offered);
        if (accepted.isEmpty()) {
            connection.send(MsnpCommand.of("VER", trId, "0"));
            connection.close("no supported protocol version in " + offered);
            return;
        }
        List<Object> reply = new ArrayList<>();
        reply.add(trId);
        reply.addAll(accepted);
        connection.send(MsnpCommand.of("VER", reply.toArray()));
        connection.dialect(VersionNegotiation.highest(offered));
        connection.stage(LoginStage.VERSION_AGREED);
    }
}
