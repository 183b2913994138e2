package org.imbridge.msn.client;

import org.imbridge.msn.protocol.MsnStatus;

/**
 * Events of one {@link NotificationSession}. Every method has an empty default. Calls come from a
 * MINA I/O thread, one at a time per session and in wire order; implementations must not block.
 * An exception thrown here is logged and otherwise ignored.
 */
public interface NotificationListener {

    /** The contact lists were retrieved after login (SYN, or LST/LSG when the server refuses SYN). */
    default void onContactListReady(ContactList list) {
    }

    /**
     * The server changed the lists on its own ({@code ADD 0 …}, {@code REM 0 …}, BPR, group changes
     * made by another client …). Not called for the answers to this session's own requests.
     */
    default void onContactListChanged(ContactList list) {
    }

    /**
     * A contact's presence or friendly name changed (ILN, NLN, FLN).
     *
     * @param handle       the contact
     * @param status       the new status; {@link MsnStatus#FLN} when offline or hidden
     * @param friendlyName URL-decoded name; for FLN the last known name
     */
    default void onContactPresence(String handle, MsnStatus status, String friendlyName) {
    }

    /** Someone put the user on their forward list ({@code ADD 0 RL}); see {@link ContactList#reverseListPrompt()}. */
    default void onAddedBy(String handle, String friendlyName) {
    }

    /** Someone removed the user from their forward list ({@code REM 0 RL}). */
    default void onRemovedBy(String handle) {
    }

    /** The server changed the user's own status ({@code CHG 0 status}). */
    default void onStatusChanged(MsnStatus status) {
    }

    /**
     * Someone invites the user to a conversation ({@code RNG}). Call
     * {@link SwitchboardInvitation#accept(SwitchboardListener)} to join, now or later; the default
     * ignores the invitation, which the inviter sees as nobody answering.
     */
    default void onInvitation(SwitchboardInvitation invitation) {
    }

    /** A Hotmail notice: unread counts after login, or a newly arrived mail. */
    default void onEmailNotification(EmailNotification notification) {
    }

    /** A system message, e.g. maintenance announced. */
    default void onSystemMessage(SystemMessage message) {
    }

    /**
     * The session ended after a successful login; called once. Requests still waiting fail with
     * {@link MsnConnectionClosedException}. A failed login reports through its stage instead.
     */
    default void onDisconnected(DisconnectReason reason) {
    }
}
