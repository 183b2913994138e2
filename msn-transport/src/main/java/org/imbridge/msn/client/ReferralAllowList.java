package org.imbridge.msn.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where, besides the configured server's own host, referrals may point: address ranges in CIDR form
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), single addresses, and host names ({@code sb.example.net},
 * or {@code *.example.net} for any name under that domain). Parsed once; a bad entry is an
 * {@link IllegalArgumentException} naming it.
 */
public final class ReferralAllowList {

    /** Nothing besides the configured server. */
    public static final ReferralAllowList NONE = new ReferralAllowList(List.of());

    private static final Pattern HOST_NAME = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final List<String> entries;
    private final List<Range> ranges = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private ReferralAllowList(List<String> entries) {
        this.entries = List.copyOf(entries);
        for (String entry : this.entries) {
            parse(entry);
        }
    }

    /** @throws IllegalArgumentException naming the first entry that is neither a range, an address nor a host name */
    public static ReferralAllowList of(List<String> entries) {
        return entries.isEmpty() ? NONE : new ReferralAllowList(entries);
    }

    /** The entries as given. */
    public List<String> entries() {
        return entries;
    }

    /** True when {@code host} (as the referral wrote it) is a listed name, or {@code address} is in a listed range. */
    boolean allows(String host, InetAddress address) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String allowed : names) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return true;
            }
        }
        for (Range r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private void parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("an allowed referral must not be empty");
        }
        String e = entry.trim();
        int slash = e.indexOf('/');
        String host = slash < 0 ? e : e.substring(0, slash);
        if (IP_LITERAL.matcher(host).matches()) {
            byte[] network = literal(host, entry);
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    throw bad(entry, "the prefix length is not a number");
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw bad(entry, "the prefix length must be between 0 and " + network.length * 8);
                }
            }
            ranges.add(new Range(network, prefix));
            return;
        }
        String name = e.toLowerCase(Locale.ROOT);
        if (slash >= 0 || name.length() > 253 || !HOST_NAME.matcher(name).matches()) {
            throw bad(entry, "expected a CIDR range (10.0.0.0/8), an address or a host name (sb.example.net, *.example.net)");
        }
        names.add(name);
    }

    private static byte[] literal(String host, String entry) {
        if (host.indexOf(':') < 0) {
            String[] octets = host.split("\\.", -1);
            if (octets.length != 4) {
                throw bad(entry, "not an IPv4 address");
            }
            for (String o : octets) {
                if (o.isEmpty() || o.length() > 3 || Integer.parseInt(o) > 255) {
                    throw bad(entry, "not an IPv4 address");
                }
            }
        }
        try {
            // a literal: getByName checks its form without a lookup
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException ex) {
            throw bad(entry, "not an IP address");
        }
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("allowed referral '" + entry + "': " + why);
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
