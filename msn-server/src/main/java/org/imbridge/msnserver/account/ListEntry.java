package org.imbridge.msnserver.account;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One entry of a contact list: the contact's handle, the friendly name stored with it (decoded, never
 * empty) and, on the forward list only, the ids of the groups the contact is in (ascending).
 */
public record ListEntry(String handle, String friendly, List<Integer> groups) {

    public ListEntry {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(friendly, "friendly");
        if (friendly.isEmpty()) {
            throw new IllegalArgumentException("empty friendly name for " + handle);
        }
        groups = List.copyOf(new TreeSet<>(groups));
    }

    /** An entry of AL, BL or RL, which carry no groups. */
    public static ListEntry of(String handle, String friendly) {
        return new ListEntry(handle, friendly, List.of());
    }

    public ListEntry withFriendly(String newFriendly) {
        return new ListEntry(handle, newFriendly, groups);
    }

    public ListEntry withGroups(List<Integer> newGroups) {
        return new ListEntry(handle, friendly, newGroups);
    }

    /** The group list as it appears on an {@code LST FL} line, e.g. {@code 0,1}. */
    public String groupsParam() {
        StringBuilder sb = new StringBuilder();
        for (Integer g : groups) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(g);
        }
        return sb.toString();
    }
}
