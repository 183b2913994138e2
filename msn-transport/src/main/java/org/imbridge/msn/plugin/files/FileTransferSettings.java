package org.imbridge.msn.plugin.files;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

import org.imbridge.msn.ftp.MsnftpTimeouts;
import org.imbridge.msn.ftp.PortRange;

/**
 * How the MSN adapter transfers files (invitations and MSNFTP, docs/msnp.md §18).
 *
 * @param bind             where our MSNFTP listeners bind when the user sends a file
 * @param advertisedHost   the IPv4 address (or a name, resolved once by the network) put in our ACCEPT for
 *                         the contact to connect to; {@code null}: the local address of the user's
 *                         notification connection, i.e. the address the MSN server saw us on
 * @param ports            the ports our listeners may use (forward them on a NAT)
 * @param offerTimeout     how long an offer waits for an answer, either way
 * @param acceptTimeout    after the user accepts, how long we wait for the sender's address
 * @param maxTransfers     transfers under way at once per session (accepted or offered by the user)
 * @param maxPendingOffers contacts' offers waiting for the user's answer at once per session
 * @param msnftp           the timeouts of the MSNFTP connection itself
 */
public record FileTransferSettings(InetAddress bind, String advertisedHost, PortRange ports, Duration offerTimeout,
                                   Duration acceptTimeout, int maxTransfers, int maxPendingOffers,
                                   MsnftpTimeouts msnftp) {

    public static final PortRange DEFAULT_PORTS = new PortRange(6891, 6900);

    public FileTransferSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(msnftp, "msnftp");
        positive(offerTimeout, "offerTimeout");
        positive(acceptTimeout, "acceptTimeout");
        if (advertisedHost != null && advertisedHost.isBlank()) {
            throw new IllegalArgumentException("advertisedHost must not be blank (null: the notification connection's address)");
        }
        if (maxTransfers < 1 || maxPendingOffers < 1) {
            throw new IllegalArgumentException("maxTransfers and maxPendingOffers must be at least 1");
        }
    }

    /** 0.0.0.0, the notification connection's address, ports 6891-6900, 5 min offers, 60 s to accept, 4 transfers, 16 offers. */
    public static FileTransferSettings defaults() {
        return new FileTransferSettings(anyAddress(), null, DEFAULT_PORTS, Duration.ofMinutes(5), Duration.ofSeconds(60),
                4, 16, MsnftpTimeouts.defaults());
    }

    public FileTransferSettings withBind(InetAddress value) {
        return new FileTransferSettings(value, advertisedHost, ports, offerTimeout, acceptTimeout, maxTransfers,
                maxPendingOffers, msnftp);
    }

    public FileTransferSettings withAdvertisedHost(String value) {
        return new FileTransferSettings(bind, value, ports, offerTimeout, acceptTimeout, maxTransfers,
                maxPendingOffers, msnftp);
    }

    public FileTransferSettings withPorts(PortRange value) {
        return new FileTransferSettings(bind, advertisedHost, value, offerTimeout, acceptTimeout, maxTransfers,
                maxPendingOffers, msnftp);
    }

    public FileTransferSettings withOfferTimeout(Duration value) {
        return new FileTransferSettings(bind, advertisedHost, ports, value, acceptTimeout, maxTransfers,
                maxPendingOffers, msnftp);
    }

    public FileTransferSettings withAcceptTimeout(Duration value) {
        return new FileTransferSettings(bind, advertisedHost, ports, offerTimeout, value, maxTransfers,
                maxPendingOffers, msnftp);
    }

    public FileTransferSettings withMaxTransfers(int value) {
        return new FileTransferSettings(bind, advertisedHost, ports, offerTimeout, acceptTimeout, value,
                maxPendingOffers, msnftp);
    }

    public FileTransferSettings withMsnftp(MsnftpTimeouts value) {
        return new FileTransferSettings(bind, advertisedHost, ports, offerTimeout, acceptTimeout, maxTransfers,
                maxPendingOffers, value);
    }

    /** Parses {@code "6891-6900"} or {@code "6891"}; {@code "0"} lets the system choose. */
    public static PortRange parsePorts(String text) {
        String t = text.trim();
        int dash = t.indexOf('-');
        try {
            int first = Integer.parseInt((dash < 0 ? t : t.substring(0, dash)).trim());
            int last = dash < 0 ? first : Integer.parseInt(t.substring(dash + 1).trim());
            return new PortRange(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port range like 6891-6900: " + text);
        }
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
