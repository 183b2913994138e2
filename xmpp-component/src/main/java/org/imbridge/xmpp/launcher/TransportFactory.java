package org.imbridge.xmpp.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacyNetworks;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStores;
import org.imbridge.core.registration.StoreConfig;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.xmpp.config.TransportConfig;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * Turns a validated {@link TransportConfig} into {@link TransportSettings}: opens the store, creates
 * the MSN network, builds the component connection's settings. The allowlist is held in a reference
 * so a config reload can swap it while the transport runs.
 */
public final class TransportFactory {

    /** The key's environment variable, used instead of the key file when set. */
    public static final String KEY_ENV = "IMBRIDGE_STORE_KEY";

    private final AtomicReference<UserAllowlist> allowlist = new AtomicReference<>();

    public TransportSettings settings(TransportConfig config) throws IOException {
        allowlist.set(new UserAllowlist(config.registration().allow()));
        ComponentConfig.Builder component = ComponentConfig.builder(config.component().jid(), config.component().resolvedSecret())
                .host(config.component().host())
                .port(config.component().port());
        if (config.component().maxStanzaBytes() != null) {
            component.maxStanzaBytes(config.component().maxStanzaBytes());
        }
        RegistrationStore store = RegistrationStores.open(storeConfig(config.storage()));
        LegacyNetwork network;
        try {
            network = LegacyNetworks.byId("msn").create(config.msnSettings());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new TransportSettings(component.build(), network, store, allowlist::get,
                config.limits().maxMessageBytes(), SessionPolicy.DEFAULTS, 8);
    }

    /** Applies a new allowlist to the running transport. */
    public void updateAllowlist(UserAllowlist newList) {
        allowlist.set(newList);
    }

    static StoreConfig storeConfig(TransportConfig.Storage storage) {
        return StoreConfig.jdbc(storage.url(), storage.user(), storage.password(), Path.of(storage.keyFile()))
                .withKeyEnvVar(KEY_ENV);
    }
}
