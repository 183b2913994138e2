package org.imbridge.msnserver.account;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account as configured in {@code msn-accounts.yaml} or added at runtime.
 *
 * @param email         the handle (lower-cased when stored)
 * @param password      the password the MD5 login is checked against
 * @param nick          the friendly name (decoded); {@code null} means the handle
 * @param verified      the {@code USR OK} verified flag
 * @param contacts      forward + allow list entries
 * @param groups        group names, ids 1, 2, … in this order (group 0 always exists)
 * @param blocked       handles on the block list
 * @param blp           privacy mode
 * @param gtc           reverse-list prompt setting
 * @param inboxUnread   unread Hotmail count, or {@code null} for no initial e-mail notification
 * @param foldersUnread unread count in other folders
 * @param phones        own phone settings, keys PHH, PHW, PHM, MOB, MBE
 */
public record AccountSpec(String email, String password, String nick, boolean verified,
                          List<ContactSpec> contacts, List<String> groups, List<String> blocked,
                          PrivacyMode blp, ReversePrompt gtc, Integer inboxUnread, int foldersUnread,
                          Map<String, String> phones) {

    public AccountSpec {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        contacts = List.copyOf(contacts);
        groups = List.copyOf(groups);
        blocked = List.copyOf(blocked);
        Objects.requireNonNull(blp, "blp");
        Objects.requireNonNull(gtc, "gtc");
        phones = Collections.unmodifiableMap(new LinkedHashMap<>(phones));
    }

    /** A plain account without contacts and with default settings. */
    public static AccountSpec of(String email, String password, String nick) {
        return new AccountSpec(email, password, nick, true, List.of(), List.of(), List.of(),
                PrivacyMode.AL, ReversePrompt.A, null, 0, Map.of());
    }

    /** This account with the given contacts (forward + allow list). */
    public AccountSpec withContacts(String... handles) {
        return new AccountSpec(email, password, nick, verified,
                Arrays.stream(handles).map(ContactSpec::of).toList(), groups, blocked, blp, gtc,
                inboxUnread, foldersUnread, phones);
    }

    /** This account with an inbox count, so login sends an initial e-mail notification. */
    public AccountSpec withInbox(int unread) {
        return new AccountSpec(email, password, nick, verified, contacts, groups, blocked, blp, gtc,
                unread, foldersUnread, phones);
    }
}
