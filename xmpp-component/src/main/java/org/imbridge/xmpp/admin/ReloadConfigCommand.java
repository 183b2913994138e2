package org.imbridge.xmpp.admin;

/** Reload configuration: reads the config file again, as a change of the file would. */
final class ReloadConfigCommand implements AdminCommand {

    private final TransportControl control;

    ReloadConfigCommand(TransportControl control) {
        this.control = control;
    }

    @Override
    public String node() {
        return "urn:imbridge:admin#reload-config";
    }

    @Override
    public String name() {
        return "Reload configuration";
    }

    @Override
    public AdminReply start(String admin) {
        try {
            return AdminReply.done(control.reloadConfig());
        } catch (Exception e) {
            return AdminReply.failed("Refused; the running configuration stays: " + e.getMessage());
        }
    }
}
