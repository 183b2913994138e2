package org.imbridge.core.network;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds legacy network implementations on the class path. */
public final class LegacyNetworks {

    private LegacyNetworks() {
    }

    /** Factories of every network on the class path. */
    public static List<LegacyNetworkFactory> available() {
        List<LegacyNetworkFactory> out = new ArrayList<>();
        ServiceLoader.load(LegacyNetworkFactory.class).forEach(out::add);
        return out;
    }

    /** The factory for network {@code id}; throws with the ids that are available when there is none. */
    public static LegacyNetworkFactory byId(String id) {
        List<LegacyNetworkFactory> all = available();
        for (LegacyNetworkFactory f : all) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalStateException("no legacy network '" + id + "' on the class path; available: "
                + all.stream().map(LegacyNetworkFactory::id).toList());
    }
}
