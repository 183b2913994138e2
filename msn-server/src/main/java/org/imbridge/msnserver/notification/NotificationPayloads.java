package org.imbridge.msnserver.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.account.Account;

/**
 * The {@code MSG Hotmail Hotmail} payloads the notification server pushes (docs/msnp.md §3.5): profile,
 * initial and new e-mail notifications, system message. Field sets and URLs are those of the
 * examples in docs/msnp.md §3.5.
 */
public final class NotificationPayloads {

    /** Sender fields of every notification-server MSG. */
    public static final String SENDER = "Hotmail";

    private NotificationPayloads() {
    }

    /** {@code MSG Hotmail Hotmail len} with {@code payload}. */
    public static MsnpCommand message(byte[] payload) {
        return MsnpCommand.withPayload("MSG", payload, SENDER, SENDER);
    }

    /** The {@code text/x-msmsgsprofile} sent right after {@code USR OK}: headers only. */
    public static byte[] profile(Account account, long loginTime, String mspAuth) {
        int hash = account.handle().hashCode();
        return MimeMessage.of(List.of(
                Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", MimeMessage.PROFILE + "; charset=UTF-8"),
                Map.entry("LoginTime", String.valueOf(loginTime)),
                Map.entry("EmailEnabled", account.inboxUnread() != null ? "1" : "0"),
                Map.entry("MemberIdHigh", String.valueOf((hash >>> 16) & 0x1ffff)),
                Map.entry("MemberIdLow", String.valueOf(hash)),
                Map.entry("lang_preference", "1033"),
                Map.entry("preferredEmail", account.handle()),
                Map.entry("country", "US"),
                Map.entry("PostalCode", ""),
                Map.entry("Gender", ""),
                Map.entry("Kid", "0"),
                Map.entry("Age", ""),
                Map.entry("sid", "507"),
                Map.entry("kv", "2"),
                Map.entry("MSPAuth", mspAuth)),
                new byte[0]).toBytes();
    }

    /** The {@code text/x-msmsgsinitialemailnotification} with the account's unread counts. */
    public static byte[] initialEmail(int inboxUnread, int foldersUnread) {
        String body = "Inbox-Unread: " + inboxUnread + "\r\n"
                + "Folders-Unread: " + foldersUnread + "\r\n"
                + "Inbox-URL: /cgi-bin/HoTMaiL\r\n"
                + "Folders-URL: /cgi-bin/folders\r\n"
                + "Post-URL: http://www.hotmail.com\r\n\r\n";
        return withBody(MimeMessage.INITIAL_EMAIL + "; charset=UTF-8", body);
    }

    /** A {@code text/x-msmsgsemailnotification} for one new mail. */
    public static byte[] newEmail(String fromName, String fromAddress, String subject, long unixTime, int id) {
        String body = "From: " + oneLine(fromName) + "\r\n"
                + "Message-URL: /cgi-bin/getmsg?msg=MSG" + unixTime + "." + id + "&start=1&len=1&curmbox=ACTIVE\r\n"
                + "Post-URL: https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033\r\n"
                + "Subject: " + oneLine(subject) + "\r\n"
                + "Dest-Folder: ACTIVE\r\n"
                + "From-Addr: " + oneLine(fromAddress) + "\r\n"
                + "id: 2\r\n\r\n";
        return withBody(MimeMessage.NEW_EMAIL + "; charset=UTF-8", body);
    }

    /** An {@code application/x-msmsgssystemmessage}: server going down in {@code minutes}. */
    public static byte[] maintenance(int minutes) {
        return withBody(MimeMessage.SYSTEM_MESSAGE, "Type: 1\r\nArg1: " + minutes + "\r\n");
    }

    private static byte[] withBody(String contentType, String body) {
        return MimeMessage.of(List.of(
                Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    /** Keeps a header value on one line. */
    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t\\x00]", " ");
    }
}
