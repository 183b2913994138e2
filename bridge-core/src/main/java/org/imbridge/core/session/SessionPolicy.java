package org.imbridge.core.session;

import java.time.Duration;

/**
 * Tunables of bridged sessions.
 *
 * @param reconnectMin       first reconnect delay
 * @param reconnectMax       longest reconnect delay
 * @param maxQueuedMessages  messages held per user while the session is (re)connecting
 * @param queuedMessageTtl   how long such a message may wait before it is returned as an error
 */
public record SessionPolicy(Duration reconnectMin, Duration reconnectMax, int maxQueuedMessages,
                            Duration queuedMessageTtl) {

    public static final SessionPolicy DEFAULTS =
            new SessionPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 100, Duration.ofSeconds(90));
}
