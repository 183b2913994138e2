package org.imbridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback addresses besides 127.0.0.1 on which our MSN network's notification server also listens
 * (its dispatch server refers logins to them in turn). The kernel gives a connection an ephemeral port
 * per destination address, so each address adds a port range to the ceiling of users online, and
 * {@code connect()} finds a free port sooner (docs/performance.md).
 *
 * @param extraHosts the addresses that could be bound, 127.0.0.2 and up
 * @param described  what was done, in words, for the output
 */
record LoopbackSpread(List<String> extraHosts, String described) {

    /** Tries 127.0.0.2 … 127.0.0.{@code wanted}; stops at the first that cannot be bound. */
    static LoopbackSpread probe(int wanted) {
        List<String> extra = new ArrayList<>();
        String stoppedBy = null;
        for (int i = 2; i <= wanted; i++) {
            String host = "127.0.0." + i;
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                extra.add(host);
            } catch (IOException e) {
                stoppedBy = host + " cannot be bound here (" + e.getMessage() + ")";
                break;
            }
        }
        int addresses = 1 + extra.size();
        String what = addresses == 1 ? "one loopback address, 127.0.0.1" : String.format(
                "%d loopback addresses, 127.0.0.1-%s, given out in turn by the dispatch server", addresses,
                extra.get(extra.size() - 1));
        if (stoppedBy != null) {
            what += "; " + stoppedBy;
        } else if (wanted <= 1) {
            what += " (--loopback-addresses 1)";
        }
        return new LoopbackSpread(List.copyOf(extra), "notification server on " + what);
    }

    /** How many addresses the notification server listens on. */
    int addresses() {
        return 1 + extraHosts.size();
    }
}
