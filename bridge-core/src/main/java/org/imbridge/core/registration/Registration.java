package org.imbridge.core.registration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One user's registration with one legacy network: who (bare JID), where (network id, e.g.
 * {@code "msn"}), as whom (legacy account and password) and with which per-user settings.
 *
 * <p>There is at most one registration per user and network. The legacy password is plaintext here
 * and only here, in memory; the store keeps it encrypted, and {@link #toString()}
 * never prints it. Instants are kept to the millisecond, which every supported database stores
 * exactly.
 *
 * <p>Values are checked on construction (syntax and size limits, with a message naming the field).
 * Callers pass identifiers already normalised: the bare JID as the XMPP side prepared it, the legacy
 * account as the legacy network spells it canonically (for MSN: lower case).
 *
 * @param userJid        the user's bare JID, e.g. {@code "romeo@example.net"}
 * @param network        the legacy network id, 1-32 of {@code [a-z0-9-]}
 * @param legacyAccount  the account on the legacy network, e.g. {@code "romeo@hotmail.com"}
 * @param legacyPassword the legacy password in plaintext (at most 256 characters)
 * @param settings       per-user settings, at most 64; names of {@code [A-Za-z0-9._-]}, values at
 *                       most 1024 characters; kept sorted by name and unmodifiable
 * @param registeredAt   when the user first registered
 * @param updatedAt      when the registration last changed
 */
public record Registration(
        String userJid,
        String network,
        String legacyAccount,
        String legacyPassword,
        Map<String, String> settings,
        Instant registeredAt,
        Instant updatedAt) {

    /** Checks every field and takes an unmodifiable, sorted copy of the settings. */
    public Registration {
        Limits.userJid(userJid);
        Limits.network(network);
        Limits.legacyAccount(legacyAccount);
        Limits.legacyPassword(legacyPassword);
        Limits.settings(settings);
        settings = unmodifiableSortedCopy(settings);
        registeredAt = Objects.requireNonNull(registeredAt, "registeredAt").truncatedTo(ChronoUnit.MILLIS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A new registration without settings, registered and updated now.
     *
     * @param userJid        the user's bare JID
     * @param network        the legacy network id
     * @param legacyAccount  the legacy account
     * @param legacyPassword the legacy password in plaintext
     * @return the registration
     */
    public static Registration of(String userJid, String network, String legacyAccount, String legacyPassword) {
        Instant now = Instant.now();
        return new Registration(userJid, network, legacyAccount, legacyPassword, Map.of(), now, now);
    }

    /**
     * This registration with new legacy credentials (re-registration), updated now.
     *
     * @param account  the legacy account
     * @param password the legacy password in plaintext
     * @return the changed copy
     */
    public Registration withLegacyCredentials(String account, String password) {
        return new Registration(userJid, network, account, password, settings, registeredAt, Instant.now());
    }

    /**
     * This registration with all settings replaced, updated now.
     *
     * @param newSettings the settings
     * @return the changed copy
     */
    public Registration withSettings(Map<String, String> newSettings) {
        return new Registration(userJid, network, legacyAccount, legacyPassword, newSettings, registeredAt,
                Instant.now());
    }

    /**
     * This registration with one setting added or replaced, updated now.
     *
     * @param name  the setting's name
     * @param value its value
     * @return the changed copy
     */
    public Registration withSetting(String name, String value) {
        SortedMap<String, String> changed = new TreeMap<>(settings);
        changed.put(name, value);
        return withSettings(changed);
    }

    /**
     * This registration without the named setting, updated now.
     *
     * @param name the setting's name
     * @return the changed copy
     */
    public Registration withoutSetting(String name) {
        SortedMap<String, String> changed = new TreeMap<>(settings);
        changed.remove(name);
        return withSettings(changed);
    }

    /** Prints everything except the password. */
    @Override
    public String toString() {
        return "Registration[userJid=" + userJid + ", network=" + network + ", legacyAccount=" + legacyAccount
                + ", legacyPassword=***, settings=" + settings + ", registeredAt=" + registeredAt
                + ", updatedAt=" + updatedAt + "]";
    }

    private static Map<String, String> unmodifiableSortedCopy(Map<String, String> settings) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }
}
