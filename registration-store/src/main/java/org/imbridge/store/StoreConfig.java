package org.imbridge.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to open the registration store: which database, and where the encryption key comes from.
 *
 * <p>The key: when {@code keyEnvVar} is set and the process environment has a non-empty variable of
 * that name, it holds the key (base64 of 32 bytes); otherwise {@code keyFile} holds it, created on
 * first start. At least one of the two must be configured. The store remembers a check value sealed
 * with its key, so starting with a different key fails at once instead of at the first login.
 *
 * @param jdbcUrl   {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}; use {@link #h2File} for
 *                  the default H2 file database
 * @param user      database user, or null
 * @param password  database password, or null; never printed
 * @param keyFile   the key file, or null when the key comes from the environment only
 * @param keyEnvVar name of the environment variable that may hold the key, or null
 * @param poolSize  maximum number of pooled connections, 2 to 64
 */
public record StoreConfig(String jdbcUrl, String user, String password, Path keyFile, String keyEnvVar,
        int poolSize) {

    /** Pool size of the factory methods: enough for a transport whose store calls are short. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String H2_FILE_SUFFIX = ".mv.db";

    /** Checks the fields; messages name the field at fault. */
    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported JDBC URL " + sanitizedUrl(jdbcUrl)
                    + "; supported: jdbc:h2:... and jdbc:postgresql://host:port/database");
        }
        if (keyFile == null && keyEnvVar == null) {
            throw new IllegalArgumentException("no encryption key configured: give a key file or an environment "
                    + "variable name (or both)");
        }
        if (keyEnvVar != null && !ENV_NAME.matcher(keyEnvVar).matches()) {
            throw new IllegalArgumentException("key environment variable name is not valid: " + keyEnvVar);
        }
        if (poolSize < 2 || poolSize > 64) {
            throw new IllegalArgumentException("pool size must be 2 to 64, got " + poolSize);
        }
    }

    /**
     * The default store: an H2 database in a file, with the key in a key file.
     *
     * @param databaseFile the database file; H2 adds {@code .mv.db} (a name already ending in it is
     *                     taken as is); relative paths are resolved against the working directory
     * @param keyFile      the key file, created with mode 0600 on first start
     * @return the configuration
     */
    public static StoreConfig h2File(Path databaseFile, Path keyFile) {
        String path = databaseFile.toAbsolutePath().normalize().toString();
        if (path.endsWith(H2_FILE_SUFFIX)) {
            path = path.substring(0, path.length() - H2_FILE_SUFFIX.length());
        }
        if (path.indexOf(';') >= 0) {
            throw new IllegalArgumentException("H2 database path must not contain ';': " + path);
        }
        // H2's own shutdown hook would close the database under a store that is still being closed.
        return new StoreConfig("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE", null, null, keyFile, null,
                DEFAULT_POOL_SIZE);
    }

    /**
     * A database by JDBC URL (PostgreSQL in production), with the key in a key file.
     *
     * @param jdbcUrl  the URL
     * @param user     the database user
     * @param password the database password
     * @param keyFile  the key file, created with mode 0600 on first start; null to use only
     *                 {@link #withKeyEnvVar the environment}
     * @return the configuration
     */
    public static StoreConfig jdbc(String jdbcUrl, String user, String password, Path keyFile) {
        return new StoreConfig(jdbcUrl, user, password, keyFile, null, DEFAULT_POOL_SIZE);
    }

    /**
     * @param name name of the environment variable that, when set, holds the key
     * @return this configuration, taking the key from that variable when it is set
     */
    public StoreConfig withKeyEnvVar(String name) {
        return new StoreConfig(jdbcUrl, user, password, keyFile, name, poolSize);
    }

    /**
     * @param size maximum number of pooled connections
     * @return this configuration with another pool size
     */
    public StoreConfig withPoolSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, keyFile, keyEnvVar, size);
    }

    /** @return the URL with any password parameter masked, fit for logs */
    public String loggableUrl() {
        return sanitizedUrl(jdbcUrl);
    }

    /** Prints everything except the database password. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + loggableUrl() + ", user=" + user + ", password="
                + (password == null ? "null" : "***") + ", keyFile=" + keyFile + ", keyEnvVar=" + keyEnvVar
                + ", poolSize=" + poolSize + "]";
    }

    static String sanitizedUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
