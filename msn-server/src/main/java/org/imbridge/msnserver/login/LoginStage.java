package org.imbridge.msnserver.login;

/** Where a dispatch or notification connection is in the login sequence. */
public enum LoginStage {
    /** Nothing received yet: only VER is meaningful. */
    AWAITING_VERSION,
    /** VER answered: INF (once) and {@code USR MD5 I} are meaningful. */
    VERSION_AGREED,
    /** Salt sent ({@code USR MD5 S salt}): only {@code USR MD5 S response} is meaningful. */
    AWAITING_RESPONSE,
    /** {@code USR OK} sent (notification server only). */
    LOGGED_IN
}
