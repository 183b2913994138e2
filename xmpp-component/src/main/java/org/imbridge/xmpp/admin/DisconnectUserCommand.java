package org.imbridge.xmpp.admin;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * XEP-0133 "End User Session": logs users out of the legacy network. Their registration stays; they come back
 * when their client next sends presence to the transport.
 */
final class DisconnectUserCommand implements AdminCommand {

    private final TransportControl control;

    DisconnectUserCommand(TransportControl control) {
        this.control = control;
    }

    @Override
    public String node() {
        return "http://jabber.org/protocol/admin#end-user-session";
    }

    @Override
    public String name() {
        return "Disconnect a user";
    }

    @Override
    public AdminReply start(String admin) {
        return AdminReply.ask(AdminForms.form("Disconnect a user",
                        "The users to log out of " + control.network().shortName() + " (bare JIDs).")
                .addField(FormField.jidMultiBuilder("accountjids").setLabel("Users").setRequired(true).build())
                .build());
    }

    @Override
    public AdminReply submit(String admin, DataForm form) {
        List<String> done = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        for (String line : AdminForms.text(form, "accountjids").split("\\s+")) {
            if (line.isBlank()) {
                continue;
            }
            String jid;
            try {
                jid = JidCreate.from(line).asBareJid().toString();
            } catch (XmppStringprepException e) {
                return AdminReply.failed("'" + line + "' is not a JID; nobody was disconnected.");
            }
            (control.disconnect(jid, "Disconnected by an administrator") ? done : notActive).add(jid);
        }
        if (done.isEmpty() && notActive.isEmpty()) {
            return AdminReply.failed("No JID given.");
        }
        return AdminReply.done((done.isEmpty() ? "" : "Disconnected: " + String.join(", ", done) + ". ")
                + (notActive.isEmpty() ? "" : "No session: " + String.join(", ", notActive) + "."));
    }
}
