package org.imbridge.msnserver.wire;

import java.io.IOException;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.imbridge.msn.protocol.MsnpCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MINA side of one of our servers: creates the per-connection state when a socket opens (stored
 * under a typed attribute key), hands every decoded command to {@link #onCommand} with the network
 * lock held, and turns socket close and codec errors into {@link Connection#closed()} /
 * {@link Connection#close(String)}.
 *
 * @param <C> the server's connection type
 */
public abstract class MsnpServerHandler<C extends Connection> extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MsnpServerHandler.class);

    private final AttributeKey key = new AttributeKey(getClass(), "connection");
    private final Class<C> type;
    protected final ServerContext context;

    protected MsnpServerHandler(Class<C> type, ServerContext context) {
        this.type = type;
        this.context = context;
    }

    /** Creates the state of a new connection (lock held). */
    protected abstract C open(IoSession session);

    /** Handles one command of a connection that is not closing (lock held). */
    protected abstract void onCommand(C connection, MsnpCommand command);

    /** The connection stored on {@code session}, or {@code null}. */
    public C connectionOf(IoSession session) {
        return type.cast(session.getAttribute(key));
    }

    @Override
    public void sessionOpened(IoSession session) {
        context.connectionOpened();
        context.locked(() -> {
            session.setAttribute(key, open(session));
        });
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        context.commandReceived();
        context.locked(() -> {
            C connection = connectionOf(session);
            if (connection == null || connection.isClosing()) {
                return;
            }
            onCommand(connection, (MsnpCommand) message);
        });
    }

    @Override
    public void sessionClosed(IoSession session) {
        context.locked(() -> {
            C connection = connectionOf(session);
            if (connection != null) {
                connection.closed();
            }
        });
    }

    /** An I/O failure of the socket, also when MINA wraps it (e.g. in a {@code RuntimeIoException}). */
    static boolean isSocketFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** MINA appends a hex dump of the whole buffer to decoder errors; keep log lines short. */
    private static String shortened(String message) {
        if (message == null) {
            return "";
        }
        int dump = message.indexOf("(Hexdump");
        String text = dump > 0 ? message.substring(0, dump).trim() : message;
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (cause instanceof ProtocolDecoderException) {
            LOG.info("{}: closing, bad input: {}", session.getRemoteAddress(), shortened(cause.getMessage()));
        } else if (isSocketFailure(cause)) {
            // resets, broken pipes: what clients going away look like, not errors of ours
            LOG.debug("{}: I/O error: {}", session.getRemoteAddress(), cause.toString());
        } else {
            LOG.error("{}: closing after an unexpected error", session.getRemoteAddress(), cause);
        }
        boolean known = context.locked(() -> {
            C connection = connectionOf(session);
            if (connection == null) {
                return false;
            }
            connection.close("error: " + cause.getClass().getSimpleName());
            return true;
        });
        if (!known) {
            session.closeNow();
        }
    }
}
