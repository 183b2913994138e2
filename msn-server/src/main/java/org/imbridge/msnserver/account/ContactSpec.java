package org.imbridge.msnserver.account;

import java.util.List;
import java.util.Objects;

/**
 * A contact as configured: put on the owner's forward and allow lists (so the owner lands on the
 * contact's reverse list).
 *
 * @param email  the contact's handle
 * @param nick   the name stored with the entry, or {@code null} for the contact's own nick
 * @param groups names of the owner's groups the contact is in; empty for group 0
 */
public record ContactSpec(String email, String nick, List<String> groups) {

    public ContactSpec {
        Objects.requireNonNull(email, "email");
        groups = List.copyOf(groups);
    }

    public static ContactSpec of(String email) {
        return new ContactSpec(email, null, List.of());
    }
}
