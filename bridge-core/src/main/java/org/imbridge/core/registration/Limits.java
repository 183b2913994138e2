package org.imbridge.core.registration;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Size and syntax limits for everything a {@link RegistrationStore} keeps, checked before anything
 * reaches the storage so that bad input fails with an {@link IllegalArgumentException} naming the
 * field. {@link Registration} checks its fields with them; a store implementation checks the plain
 * arguments of its look-ups with them too, so every implementation refuses the same input. The
 * column sizes of the JDBC store's schema are at least these.
 */
public final class Limits {

    /** A bare JID is at most a 1023-byte localpart, '@' and a 1023-byte domainpart (RFC 7622). */
    static final int MAX_USER_JID_BYTES = 2047;
    static final int MAX_LEGACY_ACCOUNT_CHARS = 320;
    static final int MAX_LEGACY_PASSWORD_CHARS = 256;
    static final int MAX_CONTACT_ID_CHARS = 320;
    static final int MAX_SETTINGS = 64;
    static final int MAX_SETTING_VALUE_CHARS = 1024;

    private static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Limits() {
    }

    /** @return {@code jid}, once checked to be a bare JID (no resource) of at most 2047 UTF-8 bytes */
    public static String userJid(String jid) {
        requireText(jid, "user JID");
        if (jid.indexOf('/') >= 0) {
            throw new IllegalArgumentException("user JID must be a bare JID (no resource): " + jid);
        }
        if (jid.getBytes(StandardCharsets.UTF_8).length > MAX_USER_JID_BYTES) {
            throw new IllegalArgumentException("user JID is longer than " + MAX_USER_JID_BYTES + " bytes");
        }
        return jid;
    }

    /** @return {@code network}, once checked to be a network id: 1-32 of {@code [a-z0-9-]} */
    public static String network(String network) {
        if (network == null || !NETWORK.matcher(network).matches()) {
            throw new IllegalArgumentException(
                    "network id must be 1-32 of [a-z0-9-], starting with a letter or digit: " + network);
        }
        return network;
    }

    /** @return {@code account}, once checked to be 1-320 characters without spaces or control characters */
    public static String legacyAccount(String account) {
        requireText(account, "legacy account");
        return maxChars(account, MAX_LEGACY_ACCOUNT_CHARS, "legacy account");
    }

    /**
     * Checks a legacy password (at most 256 characters) without ever putting its value into a message.
     *
     * @return {@code password}
     */
    public static String legacyPassword(String password) {
        if (password == null) {
            throw new IllegalArgumentException("legacy password must not be null");
        }
        if (password.length() > MAX_LEGACY_PASSWORD_CHARS) {
            throw new IllegalArgumentException(
                    "legacy password is longer than " + MAX_LEGACY_PASSWORD_CHARS + " characters");
        }
        return password;
    }

    /** @return {@code contactId}, once checked to be 1-320 characters without spaces or control characters */
    public static String contactId(String contactId) {
        requireText(contactId, "contact id");
        return maxChars(contactId, MAX_CONTACT_ID_CHARS, "contact id");
    }

    /** Checks the number of settings, each name's syntax and each value's length. */
    public static void settings(Map<String, String> settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null (use an empty map)");
        }
        if (settings.size() > MAX_SETTINGS) {
            throw new IllegalArgumentException("more than " + MAX_SETTINGS + " settings");
        }
        settings.forEach((name, value) -> {
            if (name == null || !SETTING_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "setting name must be 1-64 of [A-Za-z0-9._-], starting with a letter or digit: " + name);
            }
            if (value == null) {
                throw new IllegalArgumentException("setting " + name + " has no value");
            }
            maxChars(value, MAX_SETTING_VALUE_CHARS, "setting " + name);
        });
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " must not contain spaces or control characters");
            }
        }
    }

    private static String maxChars(String value, int max, String what) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        return value;
    }
}
