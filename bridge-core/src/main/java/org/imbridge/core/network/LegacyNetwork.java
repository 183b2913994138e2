package org.imbridge.core.network;

import java.util.concurrent.CompletionStage;

/**
 * A legacy IM network the bridge can connect users to. One instance serves every user; it owns the
 * shared network resources (connectors, timers) and is closed when the bridge stops.
 */
public interface LegacyNetwork extends AutoCloseable {

    /** How the network names itself: the gateway's texts, disco identity and metric labels come from it. */
    NetworkProfile profile();

    /** Short stable id used in storage and configuration, e.g. {@code msn}. */
    default String id() {
        return profile().id();
    }

    /** Human-readable name, e.g. {@code MSN Messenger}. */
    default String name() {
        return profile().name();
    }

    /** The disco identity type of a gateway to this network (XEP-0100 registry, e.g. {@code msn}). */
    default String gatewayType() {
        return profile().gatewayType();
    }

    /** What to ask a user for when they enter a contact address (XEP-0100 prompt). */
    default String addressPrompt() {
        return profile().addressPrompt();
    }

    /** True when {@code account} is of the network's account syntax. */
    boolean isValidAccount(String account);

    /**
     * Logs in once with {@code credentials} and logs out again, to check them before they are stored.
     * Completes exceptionally with {@link LoginFailure}.
     */
    CompletionStage<Void> verifyCredentials(LegacyCredentials credentials);

    /** A new, not yet connected session for {@code credentials}; events go to {@code listener}. */
    LegacySession openSession(LegacyCredentials credentials, SessionListener listener);

    @Override
    void close();
}
