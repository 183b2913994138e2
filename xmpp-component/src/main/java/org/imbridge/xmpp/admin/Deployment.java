package org.imbridge.xmpp.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.imbridge.core.cluster.Membership;

/**
 * Which instance answers the admin commands, and the live instances of its deployment with the
 * sessions each holds (README, "Running several instances").
 *
 * @param instance   this instance's name
 * @param membership the live instances as last seen; read on every command
 */
record Deployment(String instance, Supplier<Membership> membership) {

    /** The only instance of its deployment, holding {@code sessions}. */
    static Deployment alone(String instance, IntSupplier sessions) {
        Instant started = Instant.now();
        return new Deployment(instance, () -> new Membership(List.of(
                new Membership.Member(instance, started, sessions.getAsInt()))));
    }

    /** One line per live instance, e.g. {@code msn-b: 30 users with a session, up since 2026-12-04T19:00:00Z}. */
    List<String> lines(Membership live) {
        return live.instances().stream().map(m -> m.name() + ": " + users(m.sessions()) + " with a session, up since "
                + m.started().truncatedTo(ChronoUnit.SECONDS) + (m.name().equals(instance) ? " (this instance)" : ""))
                .toList();
    }

    static String users(long count) {
        return count + (count == 1 ? " user" : " users");
    }
}
