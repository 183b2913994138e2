package org.imbridge.msnserver.wire;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to one of our servers. Subclasses hold that server's per-connection state and
 * are stored on the MINA session under a typed attribute key.
 *
 * <p>Closing is one-way and idempotent: once {@link #close(String)} ran, nothing more is sent and
 * further commands already decoded are ignored; {@link #onClosing()} lets the server clean up shared
 * state right away rather than when the socket is finally gone. All methods are called with the
 * network lock held.
 */
public abstract class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final IoSession session;
    private boolean closing;

    protected Connection(IoSession session) {
        this.session = session;
    }

    public IoSession session() {
        return session;
    }

    /** Queues {@code command}; ignored once the connection is closing. Returns whether it was queued. */
    public boolean send(MsnpCommand command) {
        if (closing) {
            return false;
        }
        session.write(command);
        return true;
    }

    /** Sends the error reply {@code NNN trId}. */
    public void sendError(MsnpError error, String trId) {
        send(MsnpCommand.of(error.wireName(), trId));
    }

    /** Sends {@code NNN trId}, then closes. */
    public void failAndClose(MsnpError error, String trId, String why) {
        sendError(error, trId);
        close(why);
    }

    /** Closes after what is queued has been written. */
    public void close(String why) {
        if (closing) {
            return;
        }
        closing = true;
        LOG.debug("{} closing: {}", this, why);
        try {
            onClosing();
        } finally {
            session.closeOnFlush();
        }
    }

    /** Called by the server when the socket closed (by either side). */
    public void closed() {
        if (!closing) {
            closing = true;
            onClosing();
        }
    }

    public boolean isClosing() {
        return closing;
    }

    /** Releases shared state (presence, rooms); runs once, with the network lock held. */
    protected void onClosing() {
    }

    /** The peer address for log lines. */
    public String peer() {
        SocketAddress a = session.getRemoteAddress();
        if (a instanceof InetSocketAddress i) {
            return i.getHostString() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + session.getId() + "(" + peer() + ")";
    }
}
