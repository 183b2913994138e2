package org.imbridge.xmpp.gateway.cluster;

import java.time.Duration;

import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.cluster.SoleInstance;

/**
 * How this instance shares its users with others.
 *
 * @param ownership     who holds whose session
 * @param handoverGrace how long a user another instance just took stays there (the claim's grace);
 *                      a refused user is probed again once it is over
 * @param slots         how many component streams the XMPP server balances the domain over (ejabberd's
 *                      {@code component_number}; 1 for one instance)
 * @param streams       this instance's component streams
 */
public record ClusterOptions(SessionOwnership ownership, Duration handoverGrace, int slots, ComponentStreams streams) {

    public ClusterOptions {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
    }

    /** Options with one stream per instance. */
    public ClusterOptions(SessionOwnership ownership, Duration handoverGrace) {
        this(ownership, handoverGrace, 1, ComponentStreams.SINGLE);
    }

    /** The only instance of its deployment. */
    public static ClusterOptions sole() {
        return new ClusterOptions(new SoleInstance("local"), Duration.ofSeconds(10));
    }

    /** @return these options with {@code held} as this instance's streams */
    public ClusterOptions withStreams(ComponentStreams held) {
        return new ClusterOptions(ownership, handoverGrace, slots, held);
    }

    /** @return true when other instances may serve the same domain */
    public boolean shared() {
        return !(ownership instanceof SoleInstance);
    }
}
