package org.imbridge.msn.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.client.SystemMessage;
import org.junit.jupiter.api.Test;

/** Readable sentences for Hotmail and system notices. */
class MsnNoticesTest {

    @Test
    void unreadMailAtLogin() {
        assertThat(MsnNotices.email(new EmailNotification.Initial(0, 3))).isEmpty();
        assertThat(MsnNotices.email(new EmailNotification.Initial(1, 0))).contains("You have 1 unread e-mail in your Hotmail inbox");
        assertThat(MsnNotices.email(new EmailNotification.Initial(4, 0))).contains("You have 4 unread e-mails in your Hotmail inbox");
    }

    @Test
    void newMailWithWhatTheServerGave() {
        assertThat(MsnNotices.email(new EmailNotification.NewMail("Bob", "bob@example.org", "Hi", "ACTIVE")))
                .contains("New e-mail from Bob <bob@example.org>: Hi");
        assertThat(MsnNotices.email(new EmailNotification.NewMail("", "bob@example.org", "", "")))
                .contains("New e-mail from bob@example.org");
        assertThat(MsnNotices.email(new EmailNotification.NewMail("", "", "", ""))).contains("New e-mail");
    }

    @Test
    void systemMessages() {
        assertThat(MsnNotices.system(new SystemMessage(1, "1"))).isEqualTo("The MSN server goes down for maintenance in 1 minute");
        assertThat(MsnNotices.system(new SystemMessage(7, "x"))).isEqualTo("Message from the MSN server (type 7): x");
    }
}
