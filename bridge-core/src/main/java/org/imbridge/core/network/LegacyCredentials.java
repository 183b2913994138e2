package org.imbridge.core.network;

import java.util.Objects;

import org.imbridge.core.model.LegacyAddress;

/** An account and its password on a legacy network; {@link #toString()} never shows the password. */
public record LegacyCredentials(LegacyAddress account, String password) {

    public LegacyCredentials {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "LegacyCredentials[" + account + ", password=***]";
    }
}
