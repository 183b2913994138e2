package org.imbridge.bench.driver;

/**
 * Stanza text for the load driver: generated directly as strings, and read back with a few
 * {@code indexOf}s (the driver checks only what it measures).
 */
public final class Stanzas {

    /** Body prefix carrying the send time in {@link System#nanoTime()} units. */
    static final String STAMP = "<body>t=";

    private Stanzas() {
    }

    /** The XMPP user of index {@code i}. */
    public static String userJid(int i, String userDomain) {
        return "u" + i + "@" + userDomain;
    }

    /** The MSN account of user {@code i}. */
    public static String msnAccount(int i, String msnDomain) {
        return "u" + i + "@" + msnDomain;
    }

    /** Initial presence of user {@code i}'s resource, addressed to the transport. */
    public static String available(int i, BenchNames names) {
        return "<presence from='" + userJid(i, names.userDomain()) + "/r' to='" + names.transportDomain() + "'/>";
    }

    /** User {@code i}'s resource going offline, addressed to the transport. */
    public static String unavailable(int i, BenchNames names) {
        return "<presence from='" + userJid(i, names.userDomain()) + "/r' to='" + names.transportDomain()
                + "' type='unavailable'/>";
    }

    /**
     * A chat message from user {@code from} to the contact JID of user {@code to}'s MSN account, with
     * the send time in its body, padded to {@code bodyChars}.
     */
    public static void appendMessage(StringBuilder sb, int from, int to, long sentNanos, int bodyChars, BenchNames names) {
        sb.append("<message type='chat' from='u").append(from).append('@').append(names.userDomain())
                .append("/r' to='u").append(to).append('%').append(names.msnDomain()).append('@')
                .append(names.transportDomain()).append("'>").append(STAMP).append(sentNanos).append(' ');
        int pad = bodyChars - 2 - 20;
        for (int i = 0; i < pad; i++) {
            sb.append((char) ('a' + i % 26));
        }
        sb.append("</body></message>");
    }

    /** The send time stamped into a message body, or -1. */
    public static long sentNanos(String xml) {
        int at = xml.indexOf(STAMP);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int i = at + STAMP.length(); i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The value of attribute {@code name} on the element's start tag, or {@code null}. */
    public static String attribute(String xml, String name) {
        int end = xml.indexOf('>');
        if (end < 0) {
            end = xml.length();
        }
        int from = 0;
        while (true) {
            int at = xml.indexOf(name, from);
            if (at < 0 || at >= end) {
                return null;
            }
            int eq = at + name.length();
            if (at > 0 && xml.charAt(at - 1) == ' ' && eq + 1 < xml.length() && xml.charAt(eq) == '=') {
                char q = xml.charAt(eq + 1);
                int close = xml.indexOf(q, eq + 2);
                return close < 0 ? null : xml.substring(eq + 2, close);
            }
            from = at + 1;
        }
    }

    /** The index {@code i} of a JID {@code u<i>@…} or {@code u<i>%…}, or -1. */
    public static int userIndex(String jid) {
        if (jid == null || jid.length() < 2 || jid.charAt(0) != 'u') {
            return -1;
        }
        int value = 0;
        int i = 1;
        for (; i < jid.length(); i++) {
            char c = jid.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return i == 1 ? -1 : value;
    }
}
