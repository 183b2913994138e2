package org.imbridge.mina;

import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.Executor;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * A {@link NioProcessor} that does not read a socket again after a short read. For TCP, MINA reads a
 * readable socket until a read returns nothing, so every readiness event costs one more system call
 * than the data needs: on the transport's message path (component stream, switchboard messages and
 * their acknowledgements) that was about one empty read per message. A read that returns less than
 * the buffer had room for has emptied the socket's receive queue, so the next read of the same loop is
 * answered "nothing" without asking the kernel. Nothing is missed: Java's selector is level-triggered,
 * so data (or the end of the stream) that arrives after the short read makes the socket ready again at
 * the next select.
 *
 * <p>Used by MINA through {@link org.apache.mina.core.service.SimpleIoProcessorPool}, which creates its
 * processors by reflection: pass this class where {@code NioProcessor.class} would go.
 */
public class ShortReadNioProcessor extends NioProcessor {

    /** The session whose last read was short; only ever touched by this processor's own thread. */
    private NioSession drained;

    public ShortReadNioProcessor(Executor executor) {
        super(executor);
    }

    public ShortReadNioProcessor(Executor executor, SelectorProvider selectorProvider) {
        super(executor, selectorProvider);
    }

    @Override
    protected int read(NioSession session, IoBuffer buf) throws Exception {
        if (drained == session) {
            drained = null;
            return 0;
        }
        int room = buf.remaining();
        int read = readSocket(session, buf);
        drained = read > 0 && read < room ? session : null;
        return read;
    }

    /** One read system call on the session's socket (a seam for tests that count them). */
    protected int readSocket(NioSession session, IoBuffer buf) throws Exception {
        return super.read(session, buf);
    }
}
