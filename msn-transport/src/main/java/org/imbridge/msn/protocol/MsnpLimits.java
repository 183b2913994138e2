package org.imbridge.msn.protocol;

/**
 * Size limits the decoder enforces before buffering anything.
 *
 * @param maxLineBytes    longest command line, CRLF included
 * @param maxPayloadBytes largest payload a payload command may announce
 */
public record MsnpLimits(int maxLineBytes, int maxPayloadBytes) {

    /** Switchboard MSG payloads above this are refused by real servers (docs/msnp.md §2.2). */
    public static final int SWITCHBOARD_MAX_PAYLOAD = 1664;

    /**
     * What a server accepts from clients: the 1664-byte MSG limit (docs/msnp.md §17), and lines long enough
     * for the longest legal command (two 129-byte handles and a 387-byte friendly name fit easily).
     */
    public static final MsnpLimits SERVER_DEFAULTS = new MsnpLimits(2048, SWITCHBOARD_MAX_PAYLOAD);

    /**
     * What a client accepts from servers. Notification-server payloads (profile, e-mail, NOT/IPG
     * alerts) have no documented limit, so the payload cap is a safety bound rather than a protocol rule.
     */
    public static final MsnpLimits CLIENT_DEFAULTS = new MsnpLimits(4096, 64 * 1024);

    public MsnpLimits {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16: " + maxLineBytes);
        }
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must not be negative: " + maxPayloadBytes);
        }
    }
}
