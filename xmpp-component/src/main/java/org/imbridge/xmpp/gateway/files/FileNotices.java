package org.imbridge.xmpp.gateway.files;

import java.util.Locale;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;

/** What the user is told about files: chat messages from the contact's JID, in that conversation. */
final class FileNotices {

    private final JidMapping jids;
    private final StanzaSink sink;

    FileNotices(JidMapping jids, StanzaSink sink) {
        this.jids = jids;
        this.sink = sink;
    }

    void notice(String userJid, LegacyAddress contact, String text) {
        sink.send(message(userJid, contact).setBody(text).build());
    }

    /** The file itself: its link as the body and as XEP-0066 data, which clients show as a file. */
    void link(String userJid, LegacyAddress contact, String url, String fileName) {
        sink.send(message(userJid, contact).setBody(url).addExtension(new OutOfBandData(url, fileName)).build());
    }

    private MessageBuilder message(String userJid, LegacyAddress contact) {
        return StanzaBuilder.buildMessage().ofType(Message.Type.chat).from(jids.toJid(contact)).to(jids.user(userJid));
    }

    /** "3.0 MiB", "512 KiB", "12 bytes". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
