package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.login.LoginStage;
import org.imbridge.msnserver.login.UsrRequest;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USR at the notification server (docs/msnp.md §3.4, §3.5): {@code USR MD5 I handle} → a fresh salt
 * {@code <unix>.<5 digits>}; {@code USR MD5 S md5hex} → {@code USR OK handle friendly verified},
 * the profile MSG and, when an inbox is configured, the initial e-mail MSG; 911 and close on a wrong
 * answer; an older session of the same account gets {@code OUT OTH}; USR after login → 207.
 */
final class LoginCommand implements CommandFamily<NotificationConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(LoginCommand.class);

    private final ServerContext context;
    private final AccountDirectory directory;
    private final OnlineUsers online;
    private final PresenceService presence;

    LoginCommand(ServerContext context, AccountDirectory directory, OnlineUsers online, PresenceService presence) {
        this.context = context;
        this.directory = directory;
        this.online = online;
        this.presence = presence;
    }

    @Override
    public Set<String> commands() {
        return Set.of("USR");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        switch (connection.stage()) {
            case VERSION_AGREED -> initial(connection, command);
            case AWAITING_RESPONSE -> response(connection, command);
            case LOGGED_IN -> connection.sendError(MsnpError.ALREADY_LOGGED_IN, command.param(0));
            default -> connection.close("USR before VER");
        }
    }

    private void initial(NotificationConnection connection, MsnpCommand command) {
        UsrRequest usr = UsrRequest.expect(connection, command, "I");
        if (usr == null) {
            return;
        }
        String salt = context.unixTime() + "." + context.digits(5);
        connection.loginStarted(AccountDirectory.normalize(usr.value()), salt);
        connection.stage(LoginStage.AWAITING_RESPONSE);
        connection.send(MsnpCommand.of("USR", usr.trId(), "MD5", "S", salt));
    }

    private void response(NotificationConnection connection, MsnpCommand command) {
        UsrRequest usr = UsrRequest.expect(connection, command, "S");
        if (usr == null) {
            return;
        }
        Account account = directory.find(connection.pendingHandle());
        if (account == null || !account.acceptsLoginResponse(connection.salt(), usr.value())) {
            LOG.info("{}: authentication failed for {}", connection, connection.pendingHandle());
            connection.failAndClose(MsnpError.AUTHENTICATION_FAILED, usr.trId(), "authentication failed");
            return;
        }
        NotificationConnection previous = online.get(account.handle());
        presence.publish(account, () -> {
            online.put(account.handle(), connection);
            connection.loggedIn(account);
            connection.stage(LoginStage.LOGGED_IN);
            if (previous != null && previous != connection) {
                previous.send(MsnpCommand.of("OUT", "OTH"));
                previous.close("same account logged in elsewhere");
            }
        });
        LOG.info("{}: logged in", connection);
        connection.send(MsnpCommand.of("USR", usr.trId(), "OK", account.handle(), Names.wire(account.nick()),
                account.verified() ? "1" : "0"));
        connection.send(NotificationPayloads.message(
                NotificationPayloads.profile(account, context.unixTime(), passportCookie())));
        Integer unread = account.inboxUnread();
        if (unread != null) {
            connection.send(NotificationPayloads.message(
                    NotificationPayloads.initialEmail(unread, account.foldersUnread())));
        }
    }

    /** A stand-in for the Passport cookie (MSPAuth) of the profile; random, meaningless. */
    private String passportCookie() {
        return "2AAAAAAAAD" + context.digits(24) + "$$";
    }
}
