package org.imbridge.msn.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * One entry of a {@link ContactList}.
 *
 * @param handle       the account name as the server spelled it
 * @param friendlyName display name, URL-decoded; the latest one seen in LST, ILN, NLN or REA
 * @param lists        the lists the contact is on
 * @param groupIds     group ids of an FL entry, ascending; empty for other lists
 * @param status       current presence; {@link MsnStatus#FLN} until an ILN or NLN says otherwise
 * @param phones       phone settings from BPR lines (PHH, PHW, PHM, MOB), values URL-decoded
 */
public record Contact(String handle, String friendlyName, Set<ListType> lists, List<Integer> groupIds,
                      MsnStatus status, Map<String, String> phones) {

    public Contact {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(friendlyName, "friendlyName");
        Objects.requireNonNull(status, "status");
        lists = Set.copyOf(lists);
        groupIds = List.copyOf(groupIds);
        phones = Map.copyOf(phones);
    }

    /** True when the contact is on {@code list}. */
    public boolean isOn(ListType list) {
        return lists.contains(list);
    }
}
