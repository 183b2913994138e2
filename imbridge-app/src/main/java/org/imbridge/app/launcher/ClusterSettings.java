package org.imbridge.app.launcher;

import java.time.Duration;
import java.util.Objects;

import org.imbridge.xmpp.gateway.cluster.ClusterOptions;

/**
 * How a transport shares its domain with other instances (README, "Running several instances").
 *
 * @param options   who holds whose session, and the hand-over grace
 * @param heartbeat how often this instance proves itself alive and looks at the others
 */
public record ClusterSettings(ClusterOptions options, Duration heartbeat) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);

    public ClusterSettings {
        Objects.requireNonNull(options, "options");
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive");
        }
    }

    /** The only instance of its domain. */
    public static ClusterSettings sole() {
        return new ClusterSettings(ClusterOptions.sole(), DEFAULT_HEARTBEAT);
    }
}
