package org.imbridge.core.network;

/** Why a legacy session ended, and whether reconnecting makes sense. */
public enum DisconnectReason {
    LOGGED_OUT("Logged out", false),
    LOGGED_IN_ELSEWHERE("Logged in from another location", false),
    BAD_CREDENTIALS("Wrong account or password", false),
    SERVER_SHUTDOWN("The server is shutting down", true),
    CONNECTION_LOST("Connection to the server lost", true),
    UNREACHABLE("The server cannot be reached", true),
    PROTOCOL_ERROR("The server sent something we could not understand", true);

    private final String userText;
    private final boolean retry;

    DisconnectReason(String userText, boolean retry) {
        this.userText = userText;
        this.retry = retry;
    }

    /** A sentence for the user. */
    public String userText() {
        return userText;
    }

    /** True when trying again later may succeed. */
    public boolean shouldReconnect() {
        return retry;
    }
}
