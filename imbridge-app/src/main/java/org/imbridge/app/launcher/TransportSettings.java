package org.imbridge.app.launcher;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.app.config.TransportConfig;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * What a running transport is made of; the launcher builds it from the config file, tests build it
 * directly.
 *
 * @param component      the XEP-0114 connection
 * @param network        the legacy network (owned: closed with the transport)
 * @param store          the registrations store (owned: closed with the transport)
 * @param allowlist      who may register, read on every registration so that reloads apply
 * @param policy         session tunables
 * @param workers        threads for store access and per-user event handling
 * @param admins         bare JIDs allowed to run the admin commands, read on every request
 * @param limits         users, message size and rate per user, read on every use
 * @param reload         how the admin command reloads the configuration
 * @param metricsAddress where to serve Prometheus metrics, or null for nowhere
 * @param removalPoll    how often the store's removal log is read (removals made by another process)
 * @param cluster        the other instances of the domain, if any (owned: closed with the transport)
 * @param files          how files move (its endpoint, if any, is owned: closed with the transport)
 */
public record TransportSettings(ComponentConfig component, LegacyNetwork network, RegistrationStore store,
                                Supplier<UserAllowlist> allowlist, SessionPolicy policy, int workers,
                                Supplier<Set<String>> admins, Supplier<TransportConfig.Limits> limits,
                                ConfigReload reload, InetSocketAddress metricsAddress, Duration removalPoll,
                                ClusterSettings cluster, FileTransferOptions files) {

    public TransportSettings {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(admins, "admins");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reload, "reload");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(files, "files");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (removalPoll == null || removalPoll.isNegative() || removalPoll.isZero()) {
            throw new IllegalArgumentException("removalPoll must be positive");
        }
    }

    /** The only instance of its domain. */
    public TransportSettings(ComponentConfig component, LegacyNetwork network, RegistrationStore store,
                             Supplier<UserAllowlist> allowlist, SessionPolicy policy, int workers,
                             Supplier<Set<String>> admins, Supplier<TransportConfig.Limits> limits,
                             ConfigReload reload, InetSocketAddress metricsAddress, Duration removalPoll) {
        this(component, network, store, allowlist, policy, workers, admins, limits, reload, metricsAddress, removalPoll,
                ClusterSettings.sole(), FileTransferOptions.disabled());
    }

    /** Settings that read the removal log at the default interval. */
    public TransportSettings(ComponentConfig component, LegacyNetwork network, RegistrationStore store,
                             Supplier<UserAllowlist> allowlist, SessionPolicy policy, int workers,
                             Supplier<Set<String>> admins, Supplier<TransportConfig.Limits> limits,
                             ConfigReload reload, InetSocketAddress metricsAddress) {
        this(component, network, store, allowlist, policy, workers, admins, limits, reload, metricsAddress,
                TransportConfig.Storage.DEFAULT_REMOVAL_POLL);
    }

    /** @return these settings reading the removal log every {@code interval} */
    public TransportSettings withRemovalPoll(Duration interval) {
        return new TransportSettings(component, network, store, allowlist, policy, workers, admins, limits, reload,
                metricsAddress, interval, cluster, files);
    }

    /** @return these settings as one of the instances {@code shared} describes */
    public TransportSettings withCluster(ClusterSettings shared) {
        return new TransportSettings(component, network, store, allowlist, policy, workers, admins, limits, reload,
                metricsAddress, removalPoll, shared, files);
    }

    /** @return these settings moving files as {@code options} say */
    public TransportSettings withFiles(FileTransferOptions options) {
        return new TransportSettings(component, network, store, allowlist, policy, workers, admins, limits, reload,
                metricsAddress, removalPoll, cluster, options);
    }

    /** Settings with a message size limit but without admins, user or rate limits, reload or metrics (tests). */
    public TransportSettings(ComponentConfig component, LegacyNetwork network, RegistrationStore store,
                             Supplier<UserAllowlist> allowlist, int maxBodyBytes, SessionPolicy policy, int workers) {
        this(component, network, store, allowlist, policy, workers, Set::of,
                () -> new TransportConfig.Limits(Integer.MAX_VALUE, maxBodyBytes, Integer.MAX_VALUE,
                        TransportConfig.Limits.DEFAULTS.startupProbesPerSecond()),
                ConfigReload.NONE, null);
    }
}
