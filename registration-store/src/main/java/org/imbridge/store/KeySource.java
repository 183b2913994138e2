package org.imbridge.store;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the store's key comes from, chosen by {@link StoreConfig}: the environment variable when it is
 * configured and set, else the key file. The description names the source (variable name or file
 * path), never the key.
 */
final class KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(KeySource.class);

    private final String envValue;
    private final Path keyFile;
    private final String description;

    private KeySource(String envValue, Path keyFile, String description) {
        this.envValue = envValue;
        this.keyFile = keyFile;
        this.description = description;
    }

    static KeySource choose(StoreConfig config, UnaryOperator<String> environment) {
        String name = config.keyEnvVar();
        if (name != null) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return new KeySource(value, null, "environment variable " + name);
            }
            if (config.keyFile() == null) {
                throw new SecretBoxException("environment variable " + name
                        + " holds no encryption key and no key file is configured");
            }
            LOG.info("Environment variable {} is not set; taking the encryption key from key file {}", name,
                    config.keyFile());
        }
        Path file = config.keyFile().toAbsolutePath();
        return new KeySource(null, file, "key file " + file);
    }

    SecretBox load() {
        return envValue != null ? SecretBox.fromBase64(envValue, description) : KeyFile.loadOrCreate(keyFile);
    }

    String description() {
        return description;
    }

    @Override
    public String toString() {
        return "KeySource[" + description + "]";
    }
}
