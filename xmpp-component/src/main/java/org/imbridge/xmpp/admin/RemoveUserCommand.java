package org.imbridge.xmpp.admin;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * XEP-0133 "Delete User", as "Remove a user": deletes users' registrations while the transport runs.
 * Each is logged out of the legacy network, told that an administrator removed their registration and
 * how to register again, and loses the roster entries the transport created.
 */
final class RemoveUserCommand implements AdminCommand {

    private final TransportControl control;

    RemoveUserCommand(TransportControl control) {
        this.control = control;
    }

    @Override
    public String node() {
        return "http://jabber.org/protocol/admin#delete-user";
    }

    @Override
    public String name() {
        return "Remove a user";
    }

    @Override
    public AdminReply start(String admin) {
        String network = control.network().shortName();
        return AdminReply.ask(AdminForms.form("Remove a user",
                        "The users whose " + network + " registration to delete (bare JIDs). They are logged out of "
                                + network + " and told how to register again.")
                .addField(FormField.jidMultiBuilder("accountjids").setLabel("Users").setRequired(true).build())
                .build());
    }

    @Override
    public AdminReply submit(String admin, DataForm form) {
        List<String> users = new ArrayList<>();
        for (String line : AdminForms.text(form, "accountjids").split("\\s+")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                // jxmpp applies nodeprep and nameprep: the JID as the store keeps it
                Jid jid = JidCreate.from(line);
                EntityBareJid bare = jid.asEntityBareJidIfPossible();
                if (bare == null || jid.hasResource()) {
                    return AdminReply.failed("'" + line + "' is not a user's bare JID (user@domain); nobody was removed.");
                }
                users.add(bare.toString());
            } catch (XmppStringprepException e) {
                return AdminReply.failed("'" + line + "' is not a JID; nobody was removed.");
            }
        }
        if (users.isEmpty()) {
            return AdminReply.failed("No JID given.");
        }
        List<String> removed = new ArrayList<>();
        List<String> notRegistered = new ArrayList<>();
        for (String user : users) {
            (control.removeUser(user) ? removed : notRegistered).add(user);
        }
        return AdminReply.done((removed.isEmpty() ? "" : "Removed: " + String.join(", ", removed) + ". ")
                + (notRegistered.isEmpty() ? "" : "Not registered: " + String.join(", ", notRegistered) + "."));
    }
}
