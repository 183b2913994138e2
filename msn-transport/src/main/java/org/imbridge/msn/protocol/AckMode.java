package org.imbridge.msn.protocol;

/** The acknowledgement letter of a switchboard MSG (docs/msnp.md §7.5); case-sensitive on the wire. */
public enum AckMode {
    /** Unacknowledged: the server sends nothing back (typing notices). */
    U,
    /** Negative only: {@code NAK TrID} if delivery failed. */
    N,
    /** Always: {@code ACK TrID} on delivery, {@code NAK TrID} on failure. */
    A;

    /** The mode for a wire letter, or {@code null} when it is not exactly U, N or A. */
    public static AckMode fromWire(String letter) {
        return switch (letter) {
            case "U" -> U;
            case "N" -> N;
            case "A" -> A;
            default -> null;
        };
    }
}
