package org.imbridge.msn.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, for one login, whether a referral ({@code XFR NS}, {@code XFR SB}, an {@code RNG}'s
 * switchboard) may be connected to. Checked on the address actually connected to, after the one name
 * lookup. Accepted: the configured server's host (by name, or any address a connection of this login
 * to the server actually reached) or an entry of the {@link ReferralAllowList}. Never accepted,
 * whatever the list says: link-local, multicast and the any-address. A loopback or private target
 * needs the server itself to be there, or an allow-list entry: that is what "same host or listed"
 * already says, so nothing else is needed for them.
 */
final class ReferralPolicy {

    private final String serverHost;
    private final ReferralAllowList allowList;
    private final Set<InetAddress> serverAddresses = ConcurrentHashMap.newKeySet();

    ReferralPolicy(InetSocketAddress configuredServer, ReferralAllowList allowList) {
        this.serverHost = configuredServer.getHostString().toLowerCase(Locale.ROOT);
        this.allowList = allowList;
        if (!configuredServer.isUnresolved()) {
            serverAddresses.add(configuredServer.getAddress());
        }
    }

    /** A connection to the configured server reached {@code address}: referrals to that host are the server's own. */
    void serverReachedAt(InetAddress address) {
        if (address != null) {
            serverAddresses.add(address);
        }
    }

    /**
     * @param host     the host as the referral wrote it
     * @param resolved the address it resolved to, the one that would be connected to
     * @throws MsnReferralRefusedException when the target is refused
     */
    void check(String host, InetSocketAddress resolved) throws MsnReferralRefusedException {
        InetAddress address = resolved.getAddress();
        String target = ServerAddress.format(resolved);
        if (address.isLinkLocalAddress() || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            throw new MsnReferralRefusedException("referral to " + target + " refused: "
                    + (address.isLinkLocalAddress() ? "a link-local" : address.isMulticastAddress() ? "a multicast"
                    : "the any-") + " address is never an MSN server");
        }
        if (serverAddresses.contains(address) || host.toLowerCase(Locale.ROOT).equals(serverHost)
                || allowList.allows(host, address)) {
            return;
        }
        throw new MsnReferralRefusedException("referral to " + target + " refused: not the configured MSN server's host ("
                + serverHost + ") and not on msn.allowed-referrals");
    }
}
