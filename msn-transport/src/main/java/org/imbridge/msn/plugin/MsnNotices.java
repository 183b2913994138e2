package org.imbridge.msn.plugin;

import java.util.Optional;

import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.client.SystemMessage;

/** Sentences for the notification server's own notices (docs/msnp.md §3.5): Hotmail mail, maintenance. */
final class MsnNotices {

    private MsnNotices() {
    }

    /** The sentence for an e-mail notice; empty for an initial notice without unread mail. */
    static Optional<String> email(EmailNotification notification) {
        if (notification instanceof EmailNotification.Initial initial) {
            int unread = initial.inboxUnread();
            return unread <= 0 ? Optional.empty()
                    : Optional.of("You have " + unread + " unread e-mail" + (unread == 1 ? "" : "s")
                    + " in your Hotmail inbox");
        }
        EmailNotification.NewMail mail = (EmailNotification.NewMail) notification;
        String from = present(mail.from()) ? mail.from() : mail.fromAddress();
        StringBuilder text = new StringBuilder("New e-mail");
        if (present(from)) {
            text.append(" from ").append(from);
            if (present(mail.fromAddress()) && !mail.fromAddress().equalsIgnoreCase(from)) {
                text.append(" <").append(mail.fromAddress()).append('>');
            }
        }
        if (present(mail.subject())) {
            text.append(": ").append(mail.subject());
        }
        return Optional.of(text.toString());
    }

    /** The sentence for a system message. */
    static String system(SystemMessage message) {
        int minutes = message.minutesUntilMaintenance();
        if (minutes >= 0) {
            return "The MSN server goes down for maintenance in " + minutes + " minute" + (minutes == 1 ? "" : "s");
        }
        return "Message from the MSN server (type " + message.type() + ")"
                + (present(message.argument()) ? ": " + message.argument() : "");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
