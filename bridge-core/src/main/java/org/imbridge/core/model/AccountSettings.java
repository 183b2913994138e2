package org.imbridge.core.model;

import java.util.Objects;

/**
 * The user's own profile and privacy settings on the legacy network.
 *
 * @param displayName       the name the user's contacts see
 * @param visibility        who may see the user's presence and message them
 * @param askAboutWatchers  whether someone new who adds the user is asked about (true), or allowed
 *                          to see the user without asking (false)
 */
public record AccountSettings(String displayName, Visibility visibility, boolean askAboutWatchers) {

    /** Who may see the user. */
    public enum Visibility {
        /** everyone the user has not blocked (MSN's BLP AL) */
        EVERYONE_NOT_BLOCKED,
        /** only those the user allowed (MSN's BLP BL) */
        ALLOWED_ONLY
    }

    public AccountSettings {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(visibility, "visibility");
    }

    public AccountSettings withDisplayName(String name) {
        return new AccountSettings(name, visibility, askAboutWatchers);
    }
}
