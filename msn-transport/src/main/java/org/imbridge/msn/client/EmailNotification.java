package org.imbridge.msn.client;

/**
 * A Hotmail notice the notification server sends as {@code MSG Hotmail Hotmail} (docs/msnp.md §3.5).
 * Fields the server left out are empty strings, or -1 for counts.
 */
public sealed interface EmailNotification {

    /**
     * {@code text/x-msmsgsinitialemailnotification}, sent after login.
     *
     * @param inboxUnread   unread messages in the inbox
     * @param foldersUnread unread messages in other folders
     */
    record Initial(int inboxUnread, int foldersUnread) implements EmailNotification {
    }

    /**
     * {@code text/x-msmsgsemailnotification}: a new message arrived.
     *
     * @param from        the sender's display name
     * @param fromAddress the sender's e-mail address
     * @param subject     the subject line
     * @param folder      the folder it was put in, e.g. {@code ACTIVE}
     */
    record NewMail(String from, String fromAddress, String subject, String folder) implements EmailNotification {
    }
}
