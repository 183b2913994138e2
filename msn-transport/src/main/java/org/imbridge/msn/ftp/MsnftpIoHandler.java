package org.imbridge.msn.ftp;

import java.util.function.Function;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/** Passes a connection's events to its {@link MsnftpEndpoint}; sessions without one are closed. */
final class MsnftpIoHandler extends IoHandlerAdapter {

    /** The receiver of a connector's session, set before the session opens. */
    static final AttributeKey ENDPOINT = new AttributeKey(MsnftpIoHandler.class, "endpoint");

    private final Function<IoSession, MsnftpEndpoint> endpoints;

    MsnftpIoHandler(Function<IoSession, MsnftpEndpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /** For a connector: each session names its endpoint in {@link #ENDPOINT}. */
    static MsnftpIoHandler byAttribute() {
        return new MsnftpIoHandler(session -> (MsnftpEndpoint) session.getAttribute(ENDPOINT));
    }

    @Override
    public void sessionOpened(IoSession session) {
        MsnftpEndpoint endpoint = endpoints.apply(session);
        if (endpoint == null) {
            session.closeNow();
        } else {
            endpoint.opened(session);
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        MsnftpEndpoint endpoint = endpoints.apply(session);
        if (endpoint != null) {
            endpoint.received(session, (MsnftpFrame) message);
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        MsnftpEndpoint endpoint = endpoints.apply(session);
        if (endpoint != null) {
            endpoint.closed(session);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        MsnftpEndpoint endpoint = endpoints.apply(session);
        if (endpoint != null) {
            endpoint.failed(session, cause);
        } else {
            session.closeNow();
        }
    }
}
