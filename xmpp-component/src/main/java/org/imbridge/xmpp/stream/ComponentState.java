package org.imbridge.xmpp.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a {@link ComponentConnection} is, as reported to {@link ComponentStateListener}s:
 * {@link Connecting} → {@link Online} → (connection lost) {@link Reconnecting} → {@link Connecting}
 * …, and finally {@link Stopped}.
 */
public sealed interface ComponentState {

    /**
     * Opening the TCP connection, the stream, and the handshake.
     *
     * @param attempt 1 for the first attempt, counting up until the handshake succeeds
     */
    record Connecting(int attempt) implements ComponentState {
    }

    /**
     * The handshake succeeded; stanzas flow both ways.
     *
     * @param streamId the id of the server's stream
     */
    record Online(String streamId) implements ComponentState {
        public Online {
            Objects.requireNonNull(streamId, "streamId");
        }
    }

    /**
     * The connection failed or was lost; the next attempt starts after {@code delay}.
     *
     * @param delay the jittered backoff delay before the next attempt
     * @param cause what happened, for the log
     */
    record Reconnecting(Duration delay, String cause) implements ComponentState {
        public Reconnecting {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The connection is closed for good: stopped on request, or after a fatal stream error that no
     * reconnect can fix (the launcher exits the process on those).
     *
     * @param fatal  true if the configuration must be fixed before the component can connect
     * @param reason for fatal stops, a message telling the administrator what to fix
     */
    record Stopped(boolean fatal, String reason) implements ComponentState {
        public Stopped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
