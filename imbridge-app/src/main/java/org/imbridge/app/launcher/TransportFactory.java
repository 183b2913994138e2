package org.imbridge.app.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.config.TransportConfig;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacyNetworks;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.store.RegistrationStores;
import org.imbridge.store.SessionOwnerships;
import org.imbridge.xmpp.files.share.FileShareConfig;
import org.imbridge.xmpp.files.share.FileShareServer;
import org.imbridge.xmpp.files.temp.TransferDirectory;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.jxmpp.jid.impl.JidCreate;
import org.imbridge.xmpp.gateway.cluster.ClusterOptions;
import org.imbridge.xmpp.gateway.cluster.ComponentStreams;
import org.imbridge.store.StoreConfig;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * Turns a validated {@link TransportConfig} into {@link TransportSettings}: opens the store, creates
 * the MSN network, builds the component connection's settings. The allowlist, admins and limits are
 * read from a {@link LiveConfig}, so that a reload swaps them while the transport runs.
 */
public final class TransportFactory {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TransportFactory.class);
    /** What the own file endpoint holds at most: files, and bytes in all. */
    private static final int SHARED_FILES = 10_000;
    private static final long SHARED_BYTES = 10L * 1024 * 1024 * 1024;

    /** The key's environment variable, used instead of the key file when set. */
    public static final String KEY_ENV = "IMBRIDGE_STORE_KEY";

    private LiveConfig live;

    /** Settings for {@code config}, which is not reloaded (the demo, tests). */
    public TransportSettings settings(TransportConfig config) throws IOException {
        return build(config, ConfigReload.NONE);
    }

    /** Settings for {@code config}, read from {@code file}: reloads apply the file again. */
    public TransportSettings settings(TransportConfig config, Path file, ConfigLoader loader) throws IOException {
        LiveConfig following = new LiveConfig(config);
        return build(config, following, new ConfigReloader(file, loader, following));
    }

    private TransportSettings build(TransportConfig config, ConfigReload reload) throws IOException {
        return build(config, new LiveConfig(config), reload);
    }

    private TransportSettings build(TransportConfig config, LiveConfig following, ConfigReload reload)
            throws IOException {
        this.live = following;
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
        InetSocketAddress metrics = config.metrics().enabled()
                ? new InetSocketAddress(config.metrics().host(), config.metrics().port()) : null;
        TransportConfig.Instance instance = config.instance();
        SessionOwnership ownership;
        try {
            ownership = SessionOwnerships.open(storeConfig(config.storage()), instance.effectiveName(),
                    instance.leaseDuration(), instance.grace());
        } catch (RuntimeException e) {
            network.close();
            store.close();
            throw e;
        }
        FileTransferOptions files;
        try {
            files = fileOptions(config);
        } catch (IOException | RuntimeException e) {
            ownership.close();
            network.close();
            store.close();
            throw e;
        }
        return new TransportSettings(component.build(), network, store, following::allowlist, SessionPolicy.DEFAULTS,
                8, following::admins, following::limits, reload, metrics, config.storage().removalPoll(),
                new ClusterSettings(new ClusterOptions(ownership, instance.grace(), instance.slots(),
                        ComponentStreams.SINGLE), instance.heartbeat()), files);
    }

    /**
     * The transfer directory (left-overs of an earlier run deleted) and, when configured, the file
     * endpoint, started. Files off: nothing is opened.
     */
    static FileTransferOptions fileOptions(TransportConfig config) throws IOException {
        TransportConfig.Files f = config.files();
        if (!f.on()) {
            return FileTransferOptions.disabled();
        }
        Path dir = f.directory() != null ? Path.of(f.directory())
                : Path.of(config.storage().keyFile()).toAbsolutePath().resolveSibling("transfers");
        TransferDirectory directory = TransferDirectory.open(dir);
        int leftovers = directory.cleanLeftovers();
        if (leftovers > 0) {
            LOG.info("deleted {} files an earlier run left in {}", leftovers, dir);
        }
        FileShareServer share = null;
        if (f.endpointPort() > 0) {
            share = FileShareServer.start(new FileShareConfig(f.linkHost() == null ? "127.0.0.1" : f.linkHost(),
                    f.endpointPort(), f.endpointUrl(), SHARED_FILES, SHARED_BYTES, 4, java.time.Duration.ofMinutes(1)));
        }
        return new FileTransferOptions(directory, f.maxBytes(), f.transfersPerUser(),
                f.uploadService() == null ? null : JidCreate.fromOrThrowUnchecked(f.uploadService()), share,
                f.expiry(), java.util.Set.copyOf(f.hosts()), f.privateAddresses(), f.transferTimeout());
    }

    /** The configuration the last settings follow. */
    public LiveConfig live() {
        return live;
    }

    /** How to open the store the config names (also for {@code imbridge users}). */
    public static StoreConfig storeConfig(TransportConfig.Storage storage) {
        return StoreConfig.jdbc(storage.url(), storage.user(), storage.password(), Path.of(storage.keyFile()))
                .withKeyEnvVar(KEY_ENV);
    }
}
