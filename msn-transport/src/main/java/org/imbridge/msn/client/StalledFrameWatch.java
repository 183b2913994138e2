package org.imbridge.msn.client;

import java.time.Duration;
import java.util.Collection;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.MsnpDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose server started a line or payload and did not finish it within
 * {@link ServerLimits#frameTimeout()} (a half-sent MSG would otherwise hold the connection forever).
 * One timer task checks all connections of a client; the decoder marks when a frame started
 * ({@link MsnpDecoder#PARTIAL_FRAME_SINCE}).
 */
final class StalledFrameWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StalledFrameWatch.class);

    private final Collection<MsnpLink> links;
    private final long timeoutNanos;

    StalledFrameWatch(Collection<MsnpLink> links, Duration timeout) {
        this.links = links;
        this.timeoutNanos = timeout.toNanos();
    }

    /** How often to check: a quarter of the timeout, so a stall is closed within 1.25 timeouts. */
    static Duration period(Duration timeout) {
        return timeout.dividedBy(4).isZero() ? timeout : timeout.dividedBy(4);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        for (MsnpLink link : links) {
            IoSession s = link.session();
            Long since = s == null ? null : (Long) s.getAttribute(MsnpDecoder.PARTIAL_FRAME_SINCE);
            if (since != null && now - since >= timeoutNanos && !link.isTerminated() && !link.isCloseRequested()) {
                link.logContext.run(() -> {
                    LOG.warn("{}: the server left a command half-sent for more than {} ms; closing",
                            link, Duration.ofNanos(timeoutNanos).toMillis());
                    link.closeWith(DisconnectReason.CONNECTION_LOST);
                });
            }
        }
    }
}
