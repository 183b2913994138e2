package org.imbridge.msnserver.dispatch;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.login.UsrRequest;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.Endpoint;

/**
 * {@code USR TrID MD5 I handle} at the dispatch server → {@code XFR TrID NS ns:port 0 ds:port}, then
 * the dispatch server closes (docs/msnp.md §3.4; MSNP7 adds the current server as 4th field).
 */
final class ReferralCommand implements CommandFamily<DispatchConnection> {

    private final Endpoint notification;
    private final String advertisedHost;

    ReferralCommand(Endpoint notification, String advertisedHost) {
        this.notification = notification;
        this.advertisedHost = advertisedHost;
    }

    @Override
    public Set<String> commands() {
        return Set.of("USR");
    }

    @Override
    public void handle(DispatchConnection connection, MsnpCommand command) {
        UsrRequest usr = UsrRequest.expect(connection, command, "I");
        if (usr == null) {
            return;
        }
        int ownPort = ((java.net.InetSocketAddress) connection.session().getLocalAddress()).getPort();
        connection.send(MsnpCommand.of("XFR", usr.trId(), "NS", notification, "0",
                new Endpoint(advertisedHost, ownPort)));
        connection.close("referred to the notification server");
    }
}
