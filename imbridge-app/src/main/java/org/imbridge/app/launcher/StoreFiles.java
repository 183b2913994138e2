package org.imbridge.app.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.imbridge.app.config.ConfigPaths;
import org.imbridge.app.config.TransportConfig;

/**
 * The files a configured store lives in that do not exist yet: the H2 database and the key file.
 * {@code imbridge run} creates them on first start; the commands that only look must not.
 */
public final class StoreFiles {

    private StoreFiles() {
    }

    /**
     * @param storage     the (resolved) storage section
     * @param environment the process environment ({@link TransportFactory#KEY_ENV} replaces the key file)
     * @return one line per missing file, naming the file and the key that points at it
     */
    public static List<String> missing(TransportConfig.Storage storage, UnaryOperator<String> environment) {
        List<String> missing = new ArrayList<>();
        ConfigPaths.h2DatabaseFile(storage.url()).filter(file -> !Files.exists(file)).ifPresent(file ->
                missing.add("the H2 database " + file + " (storage.url) does not exist"));
        String keyFromEnvironment = environment.apply(TransportFactory.KEY_ENV);
        if (keyFromEnvironment == null || keyFromEnvironment.isEmpty()) {
            Path key = Path.of(storage.keyFile());
            if (!Files.exists(key)) {
                missing.add("the key file " + key + " (storage.key-file) does not exist");
            }
        }
        return missing;
    }
}
