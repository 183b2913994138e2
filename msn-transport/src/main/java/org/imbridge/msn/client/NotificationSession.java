package org.imbridge.msn.client;

import java.net.InetAddress;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * One logged-in MSN account: its notification-server connection, contact lists, presence and
 * switchboards. Obtained from {@link MsnClient#login}. Thread-safe; requests may be made from any
 * thread. Stages complete on a MINA I/O thread (or the client timer thread); errors are
 * {@link MsnErrorException} (server refused, with the code), {@link MsnTimeoutException} or
 * {@link MsnConnectionClosedException}.
 */
public interface NotificationSession {

    /** The account name as the server confirmed it in {@code USR … OK}. */
    String ownHandle();

    /** The user's own friendly name, URL-decoded. */
    String friendlyName();

    /** The user's own status; {@link MsnStatus#FLN} until the first {@link #changeStatus}. */
    MsnStatus status();

    /** The negotiated protocol version, e.g. 7 for MSNP7. */
    int protocolVersion();

    /** The latest snapshot of the contact lists. */
    ContactList contactList();

    /** The login profile (Passport fields; never log {@link LoginProfile#mspAuth()}). */
    LoginProfile profile();

    /**
     * Our own address on the notification connection, the one the server saw us on; {@code null}
     * when not connected. A default for peer-to-peer offers (MSNFTP) when nothing better is configured.
     */
    InetAddress localAddress();

    /** True until the session has ended. */
    boolean isConnected();

    /**
     * {@code CHG}: changes the user's status; completes on the server's echo. After the first change
     * the server sends the initial presence of every contact (ILN), reported through
     * {@link NotificationListener#onContactPresence}.
     */
    CompletionStage<Void> changeStatus(MsnStatus status);

    /** {@code REA} with the user's own handle: changes the friendly name (encoded for the wire here). */
    CompletionStage<Void> setFriendlyName(String friendlyName);

    /** {@code BLP}: who may see and message the user (docs/msnp.md §5.1); the current value again fails with 218. */
    CompletionStage<Void> setPrivacyMode(PrivacyMode mode);

    /** {@code GTC}: whether to ask about new watchers (docs/msnp.md §5.1); the current value again fails with 218. */
    CompletionStage<Void> setReverseListPrompt(ReverseListPrompt prompt);

    /**
     * {@code ADD}: puts {@code handle} on a list; completes with the updated lists. Typical errors: 201
     * malformed handle, 205 no such account, 210 list full, 215 already there, 219 on the opposite
     * list (AL/BL), 224 no such group.
     *
     * @param list         FL, AL or BL (RL is server-maintained: {@link IllegalArgumentException})
     * @param friendlyName the name to store; {@code null} means the handle
     * @param groupId      for FL only: the group to add to, or {@code null} for none (group 0)
     */
    CompletionStage<ContactList> addContact(ListType list, String handle, String friendlyName, Integer groupId);

    /**
     * {@code REM}: removes {@code handle} from a list, or with a {@code groupId} only from that FL
     * group; completes with the updated lists. Typical errors: 216 not on the list, 225 not in group.
     */
    CompletionStage<ContactList> removeContact(ListType list, String handle, Integer groupId);

    /**
     * {@code ADG name 0}: creates a forward-list group (docs/msnp.md §5.7); completes with the updated
     * lists, which name the new group's id. Typical errors: 223 too many groups, 229 name too long.
     *
     * @throws IllegalArgumentException when the name is empty or over 61 bytes once encoded
     */
    CompletionStage<ContactList> addGroup(String name);

    /**
     * Opens a new conversation: {@code XFR SB}, connect, {@code USR handle cookie}. Invite people with
     * {@link SwitchboardSession#invite(String)}. When the user's status is still FLN the session first
     * changes it to NLN, since servers refuse switchboards to offline users (913).
     */
    CompletionStage<SwitchboardSession> openSwitchboard(SwitchboardListener listener);

    /** {@code OUT}: logs out and closes every switchboard; completes when the connection is closed. */
    CompletionStage<Void> logout();
}
