package org.imbridge.msn.client;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.imbridge.core.logging.LogContext;

/**
 * Puts a session's {@link LogContext} in place around each of its inbound events (first in the
 * session's chain, so the decoder's work is covered too) and restores the thread's MDC afterwards.
 * Added only to sessions whose context is not empty.
 *
 * <p>Not MINA's {@code MdcInjectionFilter}: that one also wraps writes and closes, which run on the
 * caller's thread, and afterwards <em>removes</em> its keys there, wiping the caller's own MDC; it also
 * allocates an event object per event. Writes need nothing here: they run on the thread that asks for
 * them, which already has the right context (the caller's, a wrapped timer task, or this filter's).
 */
final class LogContextFilter extends IoFilterAdapter {

    /** The name of the filter in a session's chain. */
    static final String NAME = "log-context";

    private final LogContext context;

    LogContextFilter(LogContext context) {
        this.context = context;
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        within(() -> next.sessionCreated(session));
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        within(() -> next.sessionOpened(session));
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        within(() -> next.sessionClosed(session));
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        within(() -> next.sessionIdle(session, status));
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        within(() -> next.exceptionCaught(session, cause));
    }

    @Override
    public void inputClosed(NextFilter next, IoSession session) throws Exception {
        within(() -> next.inputClosed(session));
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        within(() -> next.messageReceived(session, message));
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest writeRequest) throws Exception {
        within(() -> next.messageSent(session, writeRequest));
    }

    @Override
    public void event(NextFilter next, IoSession session, FilterEvent event) throws Exception {
        within(() -> next.event(session, event));
    }

    /** Runs one event with the session's context in place, and the thread's own back afterwards. */
    private void within(Event event) throws Exception {
        String[] previous = context.enter();
        try {
            event.fire();
        } finally {
            context.exit(previous);
        }
    }

    @FunctionalInterface
    private interface Event {
        void fire() throws Exception;
    }
}
