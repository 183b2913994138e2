package org.imbridge.core.network;

/** Where a legacy session stands. */
public enum SessionState {
    CONNECTING,
    ONLINE,
    /** Lost the connection; the bridge may retry. */
    DISCONNECTED,
    /** Logged out, or kicked for a reason a retry will not fix (logged in elsewhere, bad password). */
    CLOSED
}
