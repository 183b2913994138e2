package org.imbridge.xmpp.admin;

import java.util.List;

import org.imbridge.core.cluster.Membership;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.JidMultiFormField;
import org.jivesoftware.smackx.xdata.TextMultiFormField;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0133 "Get List of Online Users": every user with a session on the instance that answers, and its
 * state; then how many users every live instance of the deployment holds.
 */
final class OnlineUsersCommand implements AdminCommand {

    private final TransportControl control;
    private final Deployment deployment;

    OnlineUsersCommand(TransportControl control, Deployment deployment) {
        this.control = control;
        this.deployment = deployment;
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
        jids.setLabel("Users with a session on this instance");
        states.setLabel("State of each");
        Membership live = deployment.membership().get();
        TextMultiFormField.Builder instances = FormField.textMultiBuilder("instances")
                .setLabel("Live instances and their sessions");
        deployment.lines(live).forEach(instances::addValue);
        return AdminReply.result(AdminForms.result(Deployment.users(users.size()) + " with a session on instance "
                        + deployment.instance() + ", " + live.sessions() + " in the whole deployment")
                .addField(AdminForms.text("instance", "Answered by instance", deployment.instance()))
                .addField(AdminForms.text("count", "Users with a session on this instance", users.size()))
                .addField(jids.build())
                .addField(states.build())
                .addField(AdminForms.text("deployment-count", "Users with a session (whole deployment)",
                        live.sessions()))
                .addField(instances.build())
                .build());
    }
}
