package org.imbridge.msn.client;

import java.io.IOException;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.filter.codec.ProtocolEncoderException;
import org.imbridge.msn.protocol.MsnpCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the shared connector: finds the {@link MsnpLink} of a session and passes events
 * on. Nothing escapes unlogged: a command the link cannot process and undecodable input both close
 * that one connection as a protocol error.
 */
final class ClientIoHandler extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientIoHandler.class);

    @Override
    public void messageReceived(IoSession session, Object message) {
        MsnpLink link = link(session);
        if (link == null) {
            return;
        }
        MsnpCommand cmd = (MsnpCommand) message;
        try {
            link.commandReceived(cmd);
        } catch (MalformedCommandException e) {
            link.protocolError(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{}: failed to process {}", link, WireLog.describe(cmd), e);
            link.protocolError("could not process " + cmd.name());
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        MsnpLink link = link(session);
        if (link != null) {
            link.terminated();
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        MsnpLink link = link(session);
        if (link == null) {
            session.closeNow();
            return;
        }
        if (cause instanceof ProtocolDecoderException pde) {
            link.protocolError("malformed input from the server: " + withoutHexdump(pde));
        } else if (cause instanceof ProtocolEncoderException) {
            // Our own command could not be encoded; its write future fails, the connection is fine.
            LOG.warn("{}: could not encode a command: {}", link, cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("{}: I/O error: {}", link, cause.toString());
            link.closeWith(DisconnectReason.CONNECTION_LOST);
        } else {
            LOG.error("{}: unexpected error; closing the connection", link, cause);
            link.closeWith(DisconnectReason.PROTOCOL_ERROR);
        }
    }

    private static MsnpLink link(IoSession session) {
        return (MsnpLink) session.getAttribute(MsnpLink.LINK);
    }

    /** The decoder's message without MINA's hex dump, which may hold cookies of later lines. */
    private static String withoutHexdump(ProtocolDecoderException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int dump = message.indexOf("(Hexdump:");
        return (dump >= 0 ? message.substring(0, dump) : message).trim();
    }
}
