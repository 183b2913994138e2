package org.imbridge.xmpp.files.download;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link SafeDownloader} may fetch.
 *
 * @param allowedHosts          host names downloads may come from (exact match, case-insensitive)
 * @param maxBytes              the largest file taken
 * @param timeout               for a whole download, redirects included
 * @param allowPrivateAddresses lets hosts resolve to loopback, private and other special addresses
 *                              (tests on 127.0.0.1, or a deployment whose file server is internal)
 */
public record DownloadPolicy(Set<String> allowedHosts, long maxBytes, Duration timeout, boolean allowPrivateAddresses) {

    public DownloadPolicy {
        allowedHosts = Objects.requireNonNull(allowedHosts, "allowedHosts").stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** @return true if {@code host} is on the allow-list */
    public boolean allows(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
