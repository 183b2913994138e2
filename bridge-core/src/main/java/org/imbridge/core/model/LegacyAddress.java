package org.imbridge.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * An account on a legacy network, such as {@code alice@hotmail.com}. Compared case-insensitively, as
 * legacy networks treat their account names; kept in lower case.
 */
public record LegacyAddress(String value) {

    public LegacyAddress {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty legacy address");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
    }

    public static LegacyAddress of(String value) {
        return new LegacyAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
