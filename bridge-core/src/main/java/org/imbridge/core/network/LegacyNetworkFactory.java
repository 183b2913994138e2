package org.imbridge.core.network;

import java.util.Map;

/**
 * Creates a {@link LegacyNetwork} from its configuration section. Registered in
 * {@code META-INF/services/org.imbridge.core.network.LegacyNetworkFactory}.
 */
public interface LegacyNetworkFactory {

    /** The network id this factory creates, e.g. {@code msn}. */
    String id();

    /**
     * Creates the network. {@code settings} is the network's section of the configuration, as plain
     * strings (e.g. {@code host}, {@code port}); unknown keys are an error.
     */
    LegacyNetwork create(Map<String, String> settings);
}
