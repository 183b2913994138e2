package org.imbridge.bench.driver;

/**
 * The names of a bench run: users are {@code u<i>@userDomain} on XMPP and {@code u<i>@msnDomain} on
 * MSN; the transport is {@code transportDomain}.
 */
public record BenchNames(String userDomain, String msnDomain, String transportDomain, String secret) {

    public static final BenchNames DEFAULT = new BenchNames("bench.local", "bench.msn", "msn.bench.local", "bench-secret");

    /** The password of MSN account {@code i}. */
    public String password(int i) {
        return "pw" + i;
    }
}
