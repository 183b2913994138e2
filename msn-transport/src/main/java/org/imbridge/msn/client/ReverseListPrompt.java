package org.imbridge.msn.client;

/**
 * The account's {@code GTC} setting: what the client should do when someone new adds the user
 * ({@code ADD 0 RL}); stored by the server, interpreted by clients (docs/msnp.md §5.1).
 */
public enum ReverseListPrompt {
    /** Ask the user whether to allow (AL) or block (BL) the new watcher (the default). */
    A,
    /** Put the new watcher on the allow list without asking. */
    N;

    static ReverseListPrompt fromWire(String token) {
        return "A".equals(token) ? A : "N".equals(token) ? N : null;
    }
}
