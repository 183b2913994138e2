package org.imbridge.msnserver.dispatch;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.login.UsrRequest;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.Endpoint;

/**
 * {@code USR TrID MD5 I handle} at the dispatch server → {@code XFR TrID NS ns:port 0 ds:port}, then
 * the dispatch server closes (docs/msnp.md §3.4; MSNP7 adds the current server as 4th field). When the
 * notification server listens on several addresses, successive referrals name them in turn.
 */
final class ReferralCommand implements CommandFamily<DispatchConnection> {

    private final List<Endpoint> notification;
    private final AtomicInteger referrals = new AtomicInteger();
    private final String advertisedHost;

    ReferralCommand(List<Endpoint> notification, String advertisedHost) {
        if (notification.isEmpty()) {
            throw new IllegalArgumentException("no notification server to refer to");
        }
        this.notification = List.copyOf(notification);
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
        int ownPort = ((InetSocketAddress) connection.session().getLocalAddress()).getPort();
        Endpoint next = notification.get(Math.floorMod(referrals.getAndIncrement(), notification.size()));
        connection.send(MsnpCommand.of("XFR", usr.trId(), "NS", next, "0",
                new Endpoint(advertisedHost, ownPort)));
        connection.close("referred to the notification server");
    }
}
