package org.imbridge.msnserver.ticket;

/**
 * A switchboard cookie and what it admits.
 *
 * @param cookie    the CKI value
 * @param kind      whether it opens a new session (XFR SB) or joins one (RNG)
 * @param handle    the only user who may redeem it
 * @param sessionId the session an invitation is for; {@code null} for {@link Kind#CREATE}
 * @param expiresAt {@link System#nanoTime()} after which it is void
 */
public record Ticket(String cookie, Kind kind, String handle, String sessionId, long expiresAt) {

    /** What a ticket admits. */
    public enum Kind {
        /** {@code USR TrID handle cookie}: a new session with the holder as first participant. */
        CREATE,
        /** {@code ANS TrID handle cookie sessid}: join the session the holder was invited to. */
        INVITE
    }

    /** A cookie shortened for log lines (cookies are credentials: never log them in full). */
    public static String redact(String cookie) {
        return cookie.substring(0, Math.min(4, cookie.length())) + "…";
    }
}
