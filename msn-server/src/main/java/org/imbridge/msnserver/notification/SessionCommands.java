package org.imbridge.msnserver.notification;

import java.util.Map;
import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * PNG, OUT and URL (docs/msnp.md §6.2, §6.3, §3.7): {@code PNG} → {@code QNG}; {@code OUT} →
 * {@code OUT} and close; {@code URL TrID INBOX|COMPOSE|FOLDERS|…} →
 * {@code URL TrID rru login-url site-id} (201 for an unknown kind).
 */
final class SessionCommands implements CommandFamily<NotificationConnection> {

    static final String LOGIN_URL = "https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033";
    static final String SITE_ID = "2";
    private static final Map<String, String> PAGES = Map.of(
            "INBOX", "/cgi-bin/HoTMaiL",
            "COMPOSE", "/cgi-bin/compose",
            "FOLDERS", "/cgi-bin/folders",
            "PROFILE", "/cgi-bin/profile",
            "PERSON", "/cgi-bin/person",
            "MOBILE", "/cgi-bin/mobile",
            "CHGMOB", "/cgi-bin/chgmob",
            "CHAT", "/cgi-bin/chat");

    @Override
    public Set<String> commands() {
        return Set.of("PNG", "OUT", "URL");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        switch (command.name()) {
            case "PNG" -> connection.send(MsnpCommand.of("QNG"));
            case "OUT" -> {
                connection.send(MsnpCommand.of("OUT"));
                connection.close("client logged out");
            }
            default -> url(connection, command);
        }
    }

    private static void url(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, 2, 3)) {
            return;
        }
        String page = PAGES.get(command.param(1));
        if (page == null) {
            connection.sendError(MsnpError.INVALID_PARAMETER, trId);
            return;
        }
        connection.send(MsnpCommand.of("URL", trId, page, LOGIN_URL, SITE_ID));
    }
}
