package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;

/**
 * CVR after login (docs/msnp.md §3.6):
 * {@code CVR TrID locale os-type os-ver arch library client-ver [client-id]} →
 * {@code CVR TrID recommended recommended minimum download-url info-url}; we recommend the client's
 * own version (as Escargot does). Too few parameters → 710. (Before login the login rules answer
 * 731 / 715.)
 */
final class ClientVersionCommand implements CommandFamily<NotificationConnection> {

    static final String MINIMUM_VERSION = "1.0.0863";
    static final String DOWNLOAD_URL = "http://download.microsoft.com/download/msnmessenger/install/4.7/win98me/en-us/mmssetup.exe";
    static final String INFO_URL = "http://messenger.microsoft.com";

    @Override
    public Set<String> commands() {
        return Set.of("CVR");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (command.paramCount() < 7 || command.paramCount() > 9) {
            connection.sendError(MsnpError.BAD_CVR_PARAMETERS, trId);
            return;
        }
        String version = command.param(6);
        connection.send(MsnpCommand.of("CVR", trId, version, version, MINIMUM_VERSION, DOWNLOAD_URL, INFO_URL));
    }
}
