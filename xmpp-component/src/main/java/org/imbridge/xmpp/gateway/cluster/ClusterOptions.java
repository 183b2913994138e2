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
 */
public record ClusterOptions(SessionOwnership ownership, Duration handoverGrace) {

    /** The only instance of its deployment. */
    public static ClusterOptions sole() {
        return new ClusterOptions(new SoleInstance("local"), Duration.ofSeconds(10));
    }

    /** @return true when other instances may serve the same domain */
    public boolean shared() {
        return !(ownership instanceof SoleInstance);
    }
}
