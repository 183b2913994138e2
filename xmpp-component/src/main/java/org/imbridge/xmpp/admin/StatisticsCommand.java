package org.imbridge.xmpp.admin;

import java.time.Duration;

/** Statistics: registered and online users, messages per minute each way, uptime. */
final class StatisticsCommand implements AdminCommand {

    private final TransportControl control;

    StatisticsCommand(TransportControl control) {
        this.control = control;
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
        return AdminReply.result(AdminForms.result("Transport statistics")
                .addField(AdminForms.text("registeredusersnum", "Registered users", control.registeredUsers()))
                .addField(AdminForms.text("onlineusersnum", "Online users", online))
                .addField(AdminForms.text("activeusersnum", "Users with a session (online, connecting, retrying)",
                        active.size()))
                .addField(AdminForms.text("messages-in-per-minute", "Messages per minute, XMPP to " + network,
                        traffic.xmppToLegacyPerMinute()))
                .addField(AdminForms.text("messages-out-per-minute", "Messages per minute, " + network + " to XMPP",
                        traffic.legacyToXmppPerMinute()))
                .addField(AdminForms.text("uptime", "Uptime", format(control.uptime())))
                .build());
    }

    static String format(Duration d) {
        long days = d.toDays();
        return (days > 0 ? days + "d " : "") + String.format("%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(),
                d.toSecondsPart());
    }
}
