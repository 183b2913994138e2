package org.imbridge.xmpp.files.download;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a download may not connect to: loopback, private (RFC 1918, fc00::/7 and the old
 * fec0::/10), link-local, the any-address, multicast and carrier-grade NAT (100.64/10). IPv6 forms
 * that embed an IPv4 address (IPv4-compatible, NAT64 64:ff9b::/96) are judged by that address.
 */
public final class AddressFilter {

    private AddressFilter() {
    }

    /** @return true if a download must not connect to {@code address} */
    public static boolean isForbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64 // 100.64.0.0/10
                    || (b[0] & 0xFF) == 0;                     // 0.0.0.0/8, "this network"
        }
        if (address instanceof Inet6Address v6) {
            if ((b[0] & 0xFE) == 0xFC) {
                return true; // fc00::/7 unique local
            }
            if (v6.isIPv4CompatibleAddress() || isNat64(b)) {
                return isForbidden(embeddedV4(b));
            }
        }
        return false;
    }

    private static boolean isNat64(byte[] b) {
        if ((b[0] & 0xFF) != 0x00 || (b[1] & 0xFF) != 0x64 || (b[2] & 0xFF) != 0xFF || (b[3] & 0xFF) != 0x9B) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress embeddedV4(byte[] b) {
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
