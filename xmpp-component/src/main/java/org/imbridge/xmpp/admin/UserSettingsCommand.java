package org.imbridge.xmpp.admin;

import org.imbridge.xmpp.gateway.settings.SettingsCommand;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/** The users' own {@link SettingsCommand}, offered to every registered user (admin or not). */
final class UserSettingsCommand implements AdminCommand {

    private final SettingsCommand command;

    UserSettingsCommand(SettingsCommand command) {
        this.command = command;
    }

    @Override
    public String node() {
        return command.node();
    }

    @Override
    public String name() {
        return command.name();
    }

    @Override
    public boolean mayRun(String user, boolean isAdmin) {
        return command.mayRun(user);
    }

    @Override
    public boolean forAdminsOnly() {
        return false;
    }

    @Override
    public AdminReply start(String user) {
        return reply(command.start(user));
    }

    @Override
    public AdminReply submit(String user, DataForm form) {
        return reply(command.submit(user, form));
    }

    private static AdminReply reply(SettingsCommand.Stage stage) {
        if (stage.needsInput()) {
            return AdminReply.ask(stage.form());
        }
        return stage.failed() ? AdminReply.failed(stage.note()) : AdminReply.done(stage.note());
    }
}
