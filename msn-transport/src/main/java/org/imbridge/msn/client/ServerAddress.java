package org.imbridge.msn.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The {@code host:port} parameter of XFR and RNG. IP literals become resolved addresses without a
 * name lookup; host names stay unresolved and are resolved by {@link MsnClient} off the I/O threads.
 */
final class ServerAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ServerAddress() {
    }

    /** Parses {@code host:port} or {@code [v6]:port}; throws {@link MalformedCommandException}. */
    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new MalformedCommandException("not a host:port address: " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new MalformedCommandException("bad port in address: " + hostPort);
        }
        if (port < 1 || port > 65535) {
            throw new MalformedCommandException("port out of range in address: " + hostPort);
        }
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        boolean v4 = IPV4.matcher(host).matches();
        if (v4) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    // not a literal: getByName would try a (blocking) name lookup
                    throw new MalformedCommandException("bad IP address: " + hostPort);
                }
            }
        }
        if (v6 || v4) {
            try {
                // getByName checks only the format of a literal; no lookup happens.
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new MalformedCommandException("bad IP address: " + hostPort);
            }
        }
        if (host.isEmpty() || host.contains(":") || host.length() > 253) {
            throw new MalformedCommandException("bad host in address: " + hostPort);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code host:port} for logs and messages. */
    static String format(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        String host = address.isUnresolved() || address.getAddress() == null
                ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
