package org.imbridge.xmpp.launcher;

import java.util.Objects;
import java.util.function.Supplier;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * What a running transport is made of; the launcher builds it from the config file, tests build it
 * directly.
 *
 * @param component    the XEP-0114 connection
 * @param network      the legacy network (owned: closed with the transport)
 * @param store        the registrations store (owned: closed with the transport)
 * @param allowlist    who may register, read on every registration so that reloads apply
 * @param maxBodyBytes the largest message body relayed
 * @param policy       session tunables
 * @param workers      threads for store access and per-user event handling
 */
public record TransportSettings(ComponentConfig component, LegacyNetwork network, RegistrationStore store,
                                Supplier<UserAllowlist> allowlist, int maxBodyBytes, SessionPolicy policy,
                                int workers) {

    public TransportSettings {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(policy, "policy");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }
}
