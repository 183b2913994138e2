package org.imbridge.app.config;

import java.net.IDN;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * What the config accepts as a domain, a bare JID and an allowlist pattern: parsed by jxmpp, and the
 * domain also held to host-name rules (jxmpp alone lets {@code "msn example org"} through).
 */
public final class JidRules {

    private JidRules() {
    }

    /** A domain such as {@code msn.example.org}. */
    public static String domain(String value) throws InvalidJid {
        Jid jid = parse(value);
        if (jid.hasLocalpart() || jid.hasResource()) {
            throw new InvalidJid("'" + value + "' is not a domain name (no user@ and no /resource)");
        }
        checkDomain(value, jid.getDomain().toString());
        return jid.toString();
    }

    /** A bare JID such as {@code romeo@example.org}, normalised (case). */
    public static String bareJid(String value) throws InvalidJid {
        Jid jid = parse(value);
        EntityBareJid bare = jid.asEntityBareJidIfPossible();
        if (jid.hasResource()) {
            throw new InvalidJid("'" + value + "' has a /resource; give the bare JID (user@domain)");
        }
        if (bare == null) {
            throw new InvalidJid("'" + value + "' is not a bare JID (user@domain)");
        }
        checkDomain(value, bare.getDomain().toString());
        return bare.toString();
    }

    /** An allowlist pattern: {@code *}, {@code example.org}, {@code *@example.org}, {@code user@example.org}. */
    public static void allowPattern(String value) throws InvalidJid {
        String pattern = value == null ? "" : value.trim();
        if (pattern.isEmpty()) {
            throw new InvalidJid("is empty (use *, example.org, *@example.org or user@example.org)");
        }
        if (pattern.equals("*")) {
            return;
        }
        String sample = pattern.replace("*", "x");
        try {
            if (sample.contains("@")) {
                bareJid(sample);
            } else {
                domain(sample);
            }
        } catch (InvalidJid e) {
            throw new InvalidJid("'" + value + "' is not a JID pattern (*, example.org, *@example.org or "
                    + "user@example.org)");
        }
    }

    private static Jid parse(String value) throws InvalidJid {
        if (value == null || value.isBlank()) {
            throw new InvalidJid("is empty");
        }
        try {
            return JidCreate.from(value.trim());
        } catch (XmppStringprepException e) {
            throw new InvalidJid("'" + value + "' is not a JID: " + reason(e));
        }
    }

    private static void checkDomain(String value, String domain) throws InvalidJid {
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            if (ascii.isEmpty() || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
                throw new IllegalArgumentException("empty label");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidJid("'" + value + "': '" + domain + "' is not a domain name (letters, digits, "
                    + "hyphens and dots, e.g. msn.example.org)");
        }
    }

    private static String reason(XmppStringprepException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.lastIndexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    /** A value that is not the kind of JID asked for; the message says why, without the key. */
    public static final class InvalidJid extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidJid(String message) {
            super(message);
        }
    }
}
