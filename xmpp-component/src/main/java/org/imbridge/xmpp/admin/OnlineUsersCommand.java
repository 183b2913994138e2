package org.imbridge.xmpp.admin;

import java.util.List;

import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.JidMultiFormField;
import org.jivesoftware.smackx.xdata.TextMultiFormField;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0133 "Get List of Online Users": every user with a session, and its state. */
final class OnlineUsersCommand implements AdminCommand {

    private final TransportControl control;

    OnlineUsersCommand(TransportControl control) {
        this.control = control;
    }

    @Override
    public String node() {
        return "http://jabber.org/protocol/admin#get-online-users-list";
    }

    @Override
    public String name() {
        return "Online users";
    }

    @Override
    public AdminReply start(String admin) {
        List<TransportControl.ActiveUser> users = control.activeUsers();
        JidMultiFormField.Builder jids = FormField.jidMultiBuilder("onlineuserjids");
        TextMultiFormField.Builder states = FormField.textMultiBuilder("states");
        for (TransportControl.ActiveUser u : users) {
            jids.addValue(JidCreate.fromOrThrowUnchecked(u.jid()));
            states.addValue(u.jid() + ": " + u.state());
        }
        jids.setLabel("Users with a session");
        states.setLabel("State of each");
        return AdminReply.result(AdminForms.result(users.size() + (users.size() == 1 ? " user" : " users")
                        + " with a session")
                .addField(AdminForms.text("count", "Users with a session", users.size()))
                .addField(jids.build())
                .addField(states.build())
                .build());
    }
}
