package org.imbridge.msn.ftp;

/**
 * The ports a sender may listen on, inclusive; {@link #ANY} lets the system choose one.
 */
public record PortRange(int first, int last) {

    /** Port 0: any free port (tests, or hosts without a port forward). */
    public static final PortRange ANY = new PortRange(0, 0);

    public PortRange {
        if (first < 0 || last > 65535 || first > last || (first == 0 && last != 0)) {
            throw new IllegalArgumentException("bad port range " + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
