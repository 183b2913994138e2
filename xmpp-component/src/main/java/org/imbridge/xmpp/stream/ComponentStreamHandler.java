package org.imbridge.xmpp.stream;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;

/**
 * Forwards MINA's events for component sessions to their {@link ComponentConnection}, one method per
 * kind of {@link StreamEvent}. Runs on the I/O thread, so it only decides and writes; stanzas go on
 * to the connection's event executor.
 */
final class ComponentStreamHandler extends IoHandlerAdapter {

    private final ComponentConnection connection;

    ComponentStreamHandler(ComponentConnection connection) {
        this.connection = connection;
    }

    @Override
    public void sessionOpened(IoSession session) {
        connection.sessionOpened(session);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        if (message instanceof StreamEvent.Element element) {
            connection.elementReceived(session, element);
        } else if (message instanceof StreamEvent.Rejected rejected) {
            connection.elementRejected(session, rejected);
        } else if (message instanceof StreamEvent.Opened opened) {
            connection.streamOpened(session, opened);
        } else if (message instanceof StreamEvent.HandshakeAccepted) {
            connection.handshakeAccepted(session);
        } else if (message instanceof StreamEvent.ErrorReceived error) {
            connection.streamErrorReceived(session, error);
        } else if (message instanceof StreamEvent.Closed) {
            connection.streamClosedByServer(session);
        } else {
            throw new IllegalStateException("the codec produced " + message.getClass().getName());
        }
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        if (status == IdleStatus.WRITER_IDLE) {
            connection.writerIdle(session);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (cause instanceof XmlStreamException xml) {
            connection.decodeFailed(session, xml);
        } else if (cause instanceof ProtocolDecoderException) {
            // MINA wraps anything else the decoder throws, with a hex dump of the input (stanza bodies,
            // registration passwords): keep only the type of what failed.
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            connection.decodeFailed(session, new XmlStreamException("not-well-formed",
                    "the stream decoder failed with " + root.getClass().getName()));
        } else {
            connection.connectionFailed(session, cause);
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        connection.sessionClosed(session);
    }
}
