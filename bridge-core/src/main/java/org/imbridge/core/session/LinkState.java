package org.imbridge.core.session;

/** Where a bridged user's legacy session stands. */
public enum LinkState {
    /** No resource online; not connected. */
    OFFLINE,
    /** Logging in. */
    CONNECTING,
    /** Logged in. */
    ONLINE,
    /** Lost the connection; a reconnect is scheduled. */
    WAITING_TO_RECONNECT,
    /** Stopped for a reason a retry will not fix (wrong password, logged in elsewhere); waits for the user. */
    STOPPED
}
