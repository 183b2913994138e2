package org.imbridge.app.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.imbridge.app.config.ConfigException;
import org.imbridge.app.config.ConfigLoader;
import org.imbridge.app.config.TransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the configuration file while the transport runs: checks its modification time and size
 * every {@code interval}, and on a change (or on {@link #reload()}, the admin command) loads and
 * validates it. A good file is applied to the {@link LiveConfig} (and the log level); a bad one is
 * refused with a log line naming the file, the key and the problem, and the running configuration
 * stays. Nobody's session is touched either way.
 */
public final class ConfigReloader implements ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final ConfigLoader loader;
    private final LiveConfig live;
    private ScheduledFuture<?> polling;
    private FileTime lastModified;
    private long lastSize = -1;

    public ConfigReloader(Path file, ConfigLoader loader, LiveConfig live) {
        this.file = Objects.requireNonNull(file, "file");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.live = Objects.requireNonNull(live, "live");
        remember();
    }

    /** Starts checking the file every {@code interval} on {@code scheduler}. */
    @Override
    public synchronized void watch(ScheduledExecutorService scheduler, Duration interval) {
        polling = scheduler.scheduleWithFixedDelay(this::checkForChange, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void checkForChange() {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            return; // being replaced by an editor, or gone: the next check will see
        }
        synchronized (this) {
            if (modified.equals(lastModified) && size == lastSize) {
                return;
            }
        }
        LOG.info("{} changed; reloading", file);
        try {
            reload();
        } catch (ConfigException e) {
            // logged by reload()
        }
    }

    /**
     * Loads the file now and applies it.
     *
     * @return what changed, for the admin command
     * @throws ConfigException when the file is refused (the running configuration stays)
     */
    @Override
    public synchronized String reload() throws ConfigException {
        remember();
        TransportConfig next;
        try {
            next = loader.load(file);
        } catch (ConfigException e) {
            LOG.error("configuration refused, the running one stays in force: {}", e.getMessage());
            throw e;
        }
        List<String> changes = live.apply(next);
        LogSetup.level(next.logging().level());
        LogSetup.repeatsPerMinute(next.logging().repeatsPerMinute());
        if (changes.isEmpty()) {
            LOG.info("{} reloaded: nothing changed", file);
            return "Reloaded " + file + ": nothing changed.";
        }
        for (String change : changes) {
            LOG.info("{} reloaded: {}", file, change);
        }
        return "Reloaded " + file + ": " + String.join("; ", changes) + ".";
    }

    private void remember() {
        try {
            lastModified = Files.getLastModifiedTime(file);
            lastSize = Files.size(file);
        } catch (IOException e) {
            lastModified = null;
            lastSize = -1;
        }
    }

    @Override
    public synchronized void close() {
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
