package org.imbridge.msnserver.account;

/**
 * The GTC setting (docs/msnp.md §5.1): what the client should do when someone new adds the user. Stored
 * and reported, never interpreted by the server.
 */
public enum ReversePrompt {
    /** Ask the user whether the new watcher goes to AL or BL. The default. */
    A,
    /** Silently allow. */
    N;

    /** The setting for a wire token, or {@code null}. */
    public static ReversePrompt fromWire(String token) {
        for (ReversePrompt p : values()) {
            if (p.name().equals(token)) {
                return p;
            }
        }
        return null;
    }
}
