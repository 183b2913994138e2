package org.imbridge.app.launcher;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** How a running transport re-reads its configuration (the admin command, and a watch on the file). */
public interface ConfigReload extends AutoCloseable {

    /** For a transport not started from a file (tests, the demo). */
    ConfigReload NONE = () -> {
        throw new IllegalStateException("this transport was not started from a configuration file");
    };

    /**
     * Reads the configuration again and applies what can change while running.
     *
     * @return what changed
     * @throws Exception naming the file, key and problem when the new configuration is refused
     */
    String reload() throws Exception;

    /** Starts following the file for changes; nothing by default. */
    default void watch(ScheduledExecutorService scheduler, Duration interval) {
    }

    @Override
    default void close() {
    }
}
