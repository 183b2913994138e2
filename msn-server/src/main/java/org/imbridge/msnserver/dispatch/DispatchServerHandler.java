package org.imbridge.msnserver.dispatch;

import java.util.List;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.login.LoginRules;
import org.imbridge.msnserver.login.VersionCommands;
import org.imbridge.msnserver.wire.CommandRouter;
import org.imbridge.msnserver.wire.Endpoint;
import org.imbridge.msnserver.wire.MsnpServerHandler;
import org.imbridge.msnserver.wire.ServerContext;

/** The dispatch server: VER, INF, {@code USR MD5 I} → XFR to the notification server (to its addresses in turn). */
public final class DispatchServerHandler extends MsnpServerHandler<DispatchConnection> {

    private final CommandRouter<DispatchConnection> router;

    /** @param notification where USR is referred, in turn (one entry, or several addresses of one server) */
    public DispatchServerHandler(ServerContext context, List<Endpoint> notification, String advertisedHost) {
        super(DispatchConnection.class, context);
        this.router = new CommandRouter<>(
                List.of(new VersionCommands<>(), new ReferralCommand(notification, advertisedHost)),
                null);
    }

    @Override
    protected DispatchConnection open(IoSession session) {
        return new DispatchConnection(session);
    }

    @Override
    protected void onCommand(DispatchConnection connection, MsnpCommand command) {
        // The login rules admit only VER, INF and USR here; the dispatch server never reaches LOGGED_IN.
        if (LoginRules.admit(connection, command)) {
            router.dispatch(connection, command);
        }
    }
}
