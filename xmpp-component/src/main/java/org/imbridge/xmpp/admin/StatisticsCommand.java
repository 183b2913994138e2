package org.imbridge.xmpp.admin;

import java.time.Duration;

import org.imbridge.core.cluster.Membership;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.TextMultiFormField;

/**
 * Statistics: which instance answers; registered users and sessions of the whole deployment, per live
 * instance; this instance's online users, messages per minute each way and uptime.
 */
final class StatisticsCommand implements AdminCommand {

    private final TransportControl control;
    private final Deployment deployment;

    StatisticsCommand(TransportControl control, Deployment deployment) {
        this.control = control;
        this.deployment = deployment;
    }

    @Override
    public String node() {
        return "urn:imbridge:admin#statistics";
    }

    @Override
    public String name() {
        return "Statistics";
    }

    @Override
    public AdminReply start(String admin) {
        var active = control.activeUsers();
        long online = active.stream().filter(u -> u.state().equals("ONLINE")).count();
        TransportControl.Traffic traffic = control.traffic();
        String network = control.network().shortName();
        Membership live = deployment.membership().get();
        TextMultiFormField.Builder instances = FormField.textMultiBuilder("instances")
                .setLabel("Live instances and their sessions");
        deployment.lines(live).forEach(instances::addValue);
        return AdminReply.result(AdminForms.result("Transport statistics, answered by instance " + deployment.instance())
                .addField(AdminForms.text("instance", "Answered by instance", deployment.instance()))
                .addField(AdminForms.text("registeredusersnum", "Registered users (whole deployment)",
                        control.registeredUsers()))
                .addField(AdminForms.text("deployment-sessions", "Users with a session (whole deployment)",
                        live.sessions()))
                .addField(AdminForms.text("instancesnum", "Live instances", live.instances().size()))
                .addField(instances.build())
                .addField(AdminForms.text("onlineusersnum", "Online users on this instance", online))
                .addField(AdminForms.text("activeusersnum",
                        "Users with a session on this instance (online, connecting, retrying)", active.size()))
                .addField(AdminForms.text("messages-in-per-minute", "Messages per minute on this instance, XMPP to "
                        + network, traffic.xmppToLegacyPerMinute()))
                .addField(AdminForms.text("messages-out-per-minute", "Messages per minute on this instance, " + network
                        + " to XMPP", traffic.legacyToXmppPerMinute()))
                .addField(AdminForms.text("uptime", "Uptime of this instance", format(control.uptime())))
                .build());
    }

    static String format(Duration d) {
        long days = d.toDays();
        return (days > 0 ? days + "d " : "") + String.format("%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(),
                d.toSecondsPart());
    }
}
