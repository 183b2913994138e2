package org.imbridge.xmpp.admin;

import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/** XEP-0133 "Send Announcement to Online Users": a headline from the transport to every active user. */
final class AnnounceCommand implements AdminCommand {

    static final int MAX_CHARS = 4000;

    private final TransportControl control;

    AnnounceCommand(TransportControl control) {
        this.control = control;
    }

    @Override
    public String node() {
        return "http://jabber.org/protocol/admin#announce";
    }

    @Override
    public String name() {
        return "Announce to online users";
    }

    @Override
    public AdminReply start(String admin) {
        return AdminReply.ask(AdminForms.form("Announcement", "A message from the transport to every online user.")
                .addField(FormField.textMultiBuilder("announcement").setLabel("Message").setRequired(true).build())
                .build());
    }

    @Override
    public AdminReply submit(String admin, DataForm form) {
        String text = AdminForms.text(form, "announcement");
        if (text.isEmpty()) {
            return AdminReply.failed("The message is empty; nothing was sent.");
        }
        if (text.length() > MAX_CHARS) {
            return AdminReply.failed("The message is longer than " + MAX_CHARS + " characters; nothing was sent.");
        }
        int sent = control.announce(text);
        return AdminReply.done("Sent to " + sent + (sent == 1 ? " user." : " users."));
    }
}
