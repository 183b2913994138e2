package org.imbridge.msn.client;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * Reads the notification server's {@code MSG Hotmail Hotmail} payloads (docs/msnp.md §3.5). Fields are
 * normally in the body; some servers put them among the headers, so both are searched.
 */
final class NotificationMessages {

    private NotificationMessages() {
    }

    static EmailNotification.Initial initialEmail(MimeMessage m) {
        return new EmailNotification.Initial(count(field(m, "Inbox-Unread")), count(field(m, "Folders-Unread")));
    }

    static EmailNotification.NewMail newMail(MimeMessage m) {
        return new EmailNotification.NewMail(field(m, "From"), field(m, "From-Addr"), field(m, "Subject"),
                field(m, "Dest-Folder"));
    }

    static SystemMessage systemMessage(MimeMessage m) {
        return new SystemMessage(count(field(m, "Type")), field(m, "Arg1"));
    }

    /** A field from the body, else from the headers; empty when absent. */
    static String field(MimeMessage m, String name) {
        String value = m.bodyField(name);
        if (value == null) {
            value = m.header(name);
        }
        return value == null ? "" : value;
    }

    private static int count(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
