package org.imbridge.msnserver.dispatch;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msnserver.login.LoginConnection;

/** A connection to the dispatch server; it only ever goes through the login stage. */
public final class DispatchConnection extends LoginConnection {

    DispatchConnection(IoSession session) {
        super(session);
    }
}
