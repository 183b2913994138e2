package org.imbridge.msn.bridge;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacyNetworkFactory;
import org.imbridge.msn.client.MsnClientConfig;

/** Creates {@link MsnNetwork} from settings {@code host} and {@code port} of the dispatch server. */
public final class MsnNetworkFactory implements LegacyNetworkFactory {

    private static final Set<String> KNOWN = Set.of("host", "port");

    @Override
    public String id() {
        return "msn";
    }

    @Override
    public LegacyNetwork create(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown MSN setting '" + key + "'; known: " + KNOWN);
            }
        }
        String host = settings.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(settings.getOrDefault("port", "1863"));
        return new MsnNetwork(InetSocketAddress.createUnresolved(host, port), MsnClientConfig.defaults());
    }
}
