package org.imbridge.msn.client;

/** Why a logged-in notification session ended; {@link #allowsReconnect()} tells a caller what to do next. */
public enum DisconnectReason {
    /** We logged out (or closed the client). */
    LOGGED_OUT(false),
    /** {@code OUT OTH}: the same account logged in elsewhere; reconnecting would kick that session out. */
    LOGGED_IN_ELSEWHERE(false),
    /** {@code OUT SSD}: the server is shutting down; log in again through the dispatch server later. */
    SERVER_SHUTDOWN(true),
    /** {@code XFR 0 NS …} while logged in: the server asks us to move; log in again through dispatch. */
    TRANSFERRED(true),
    /** The TCP connection broke, or the server stopped answering pings. */
    CONNECTION_LOST(true),
    /** The server sent something that is not MSNP (or not MSNP we can follow); the connection was closed. */
    PROTOCOL_ERROR(true),
    /** The server pushed more than a {@link ServerLimits} cap allows (a flood); the connection was closed. */
    FLOODED(true);

    private final boolean reconnect;

    DisconnectReason(boolean reconnect) {
        this.reconnect = reconnect;
    }

    /** True when logging in again is a sensible reaction (after a backoff). */
    public boolean allowsReconnect() {
        return reconnect;
    }
}
