package org.imbridge.msn.plugin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacyNetworkFactory;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.ReferralAllowList;
import org.imbridge.msn.plugin.files.FileTransferSettings;

/**
 * Creates {@link MsnNetwork} from the settings {@code host} (default {@code 127.0.0.1}) and
 * {@code port} (default 1863) of the dispatch server, and {@code io-threads}, the MINA I/O threads
 * shared by all MSN connections (default: cores + 1), and {@code allowed-referrals}, a comma-separated
 * {@link ReferralAllowList} of where XFR/RNG referrals may point besides the dispatch host. File transfers:
 * {@code file-transfer-bind} (an IP address, default 0.0.0.0), {@code file-transfer-advertised-host} (an
 * IPv4 address or a name resolved once; default: the address of each user's notification connection) and
 * {@code file-transfer-ports} ({@code 6891-6900}). Registered for {@link java.util.ServiceLoader}.
 */
public final class MsnNetworkFactory implements LegacyNetworkFactory {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 1863;
    private static final Set<String> KNOWN = Set.of("host", "port", "io-threads", "allowed-referrals",
            "file-transfer-bind", "file-transfer-advertised-host", "file-transfer-ports");
    private static final int MAX_IO_THREADS = 64;

    @Override
    public String id() {
        return MsnNetwork.PROFILE.id();
    }

    /** @throws IllegalArgumentException naming the setting at fault */
    @Override
    public LegacyNetwork create(Map<String, String> settings) {
        InetSocketAddress dispatch = dispatch(settings);
        MsnClientConfig config = MsnClientConfig.defaults();
        String threads = settings.get("io-threads");
        if (threads != null) {
            config = config.toBuilder().ioProcessors(ioThreads(threads)).build();
        }
        String referrals = settings.get("allowed-referrals");
        if (referrals != null && !referrals.isBlank()) {
            config = config.toBuilder().allowedReferrals(allowedReferrals(referrals)).build();
        }
        return new MsnNetwork(dispatch, config, MsnPluginSettings.defaults().withFiles(files(settings)));
    }

    /** The file transfer settings named, on top of the defaults. */
    static FileTransferSettings files(Map<String, String> settings) {
        FileTransferSettings files = FileTransferSettings.defaults();
        String bind = settings.get("file-transfer-bind");
        if (bind != null && !bind.isBlank()) {
            files = files.withBind(ipLiteral(bind.trim()));
        }
        String host = settings.get("file-transfer-advertised-host");
        if (host != null && !host.isBlank()) {
            if (host.trim().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("MSN setting 'file-transfer-advertised-host' must be an IPv4 address"
                        + " or a host name, not '" + host + "'");
            }
            files = files.withAdvertisedHost(host.trim());
        }
        String ports = settings.get("file-transfer-ports");
        if (ports != null && !ports.isBlank()) {
            try {
                files = files.withPorts(FileTransferSettings.parsePorts(ports));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MSN setting 'file-transfer-ports' must be a port range like"
                        + " 6891-6900 (or 0 for any free port), not '" + ports + "'", e);
            }
        }
        return files;
    }

    /** An IP address literal; never a name (no lookup). */
    private static InetAddress ipLiteral(String text) {
        boolean literal = text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
        try {
            if (literal) {
                return InetAddress.getByName(text);
            }
        } catch (UnknownHostException e) {
            // not a valid literal: same message as below
        }
        throw new IllegalArgumentException("MSN setting 'file-transfer-bind' must be an IP address such as 0.0.0.0,"
                + " not '" + text + "'");
    }

    private static ReferralAllowList allowedReferrals(String text) {
        try {
            return ReferralAllowList.of(Arrays.stream(text.split(",")).map(String::trim).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MSN setting 'allowed-referrals': " + e.getMessage(), e);
        }
    }

    private static int ioThreads(String text) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MSN setting 'io-threads' must be a number, not '" + text + "'");
        }
        if (n < 1 || n > MAX_IO_THREADS) {
            throw new IllegalArgumentException("MSN setting 'io-threads' must be between 1 and " + MAX_IO_THREADS
                    + ", not " + n);
        }
        return n;
    }

    /** The dispatch address the settings name; resolved when a login starts, not now. */
    static InetSocketAddress dispatch(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown MSN setting '" + key + "'; known: " + new TreeSet<>(KNOWN));
            }
        }
        String host = settings.getOrDefault("host", DEFAULT_HOST);
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("MSN setting 'host' must be a host name or address, not '" + host + "'");
        }
        String portText = settings.getOrDefault("port", String.valueOf(DEFAULT_PORT));
        int port;
        try {
            port = Integer.parseInt(portText == null ? "" : portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MSN setting 'port' must be a number, not '" + portText + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MSN setting 'port' must be between 1 and 65535, not " + port);
        }
        return InetSocketAddress.createUnresolved(host.trim(), port);
    }
}
