package org.imbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link RegistrationStore}s: a HikariCP pool on the configured database, the schema migrated,
 * the encryption key loaded and checked.
 *
 * <pre>{@code
 * RegistrationStore store = RegistrationStores.open(
 *         StoreConfig.h2File(Path.of("data/registrations"), Path.of("data/store.key")));
 * }</pre>
 */
public final class RegistrationStores {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationStores.class);
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

    private RegistrationStores() {
    }

    /**
     * Opens the store described by the configuration, taking the key from the process environment or
     * the key file as {@link StoreConfig} describes.
     *
     * @param config what to open
     * @return the open store; close it on shutdown
     * @throws RegistrationStoreException when the database cannot be reached or migrated, or the key
     *                                    is wrong
     * @throws SecretBoxException         when the key cannot be loaded (missing, malformed, key file
     *                                    readable by others)
     */
    public static RegistrationStore open(StoreConfig config) {
        return open(config, System::getenv);
    }

    /**
     * A throwaway store in an in-memory H2 database with a random key, gone when closed: for tests of
     * code that needs a real store.
     *
     * @return the open store
     */
    public static RegistrationStore inMemory() {
        String url = "jdbc:h2:mem:registrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return open(new Database(url, null, null, StoreConfig.DEFAULT_POOL_SIZE), SecretBox.withRandomKey(),
                "a random in-memory key");
    }

    /** {@link #open(StoreConfig)} with the environment given, for tests. */
    static RegistrationStore open(StoreConfig config, UnaryOperator<String> environment) {
        KeySource key = KeySource.choose(config, environment);
        Database database = new Database(config.jdbcUrl(), config.user(), config.password(), config.poolSize());
        return open(database, key.load(), key.description());
    }

    private static RegistrationStore open(Database database, SecretBox box, String keySource) {
        Optional<H2Files> files = H2Files.of(database.url());
        files.ifPresent(H2Files::prepareDirectory);
        HikariDataSource pool = pool(database);
        files.ifPresent(H2Files::restrictFiles);
        try {
            JdbcRegistrationStore store = JdbcRegistrationStore.open(pool, box, keySource, () -> {
                close(pool, database);
                files.ifPresent(H2Files::restrictFiles);
            });
            files.ifPresent(H2Files::restrictFiles);
            LOG.info("Registration store open: {} (schema version {}, key from {})", database.loggableUrl(),
                    store.schemaVersion(), keySource);
            return store;
        } catch (RuntimeException e) {
            close(pool, database);
            throw e;
        }
    }

    private static HikariDataSource pool(Database database) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("registrations");
        hikari.setJdbcUrl(database.url());
        if (database.user() != null) {
            hikari.setUsername(database.user());
        }
        if (database.password() != null) {
            hikari.setPassword(database.password());
        }
        hikari.setMaximumPoolSize(database.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // Hikari's message names the URL and the driver's reason, never the password.
            throw new RegistrationStoreException("cannot connect to the registration database "
                    + database.loggableUrl() + ": " + rootMessage(e), e);
        }
    }

    /** Closes the pool; an in-memory H2 database is dropped first (it would outlive the pool). */
    private static void close(HikariDataSource pool, Database database) {
        if (database.url().startsWith("jdbc:h2:mem:") && !pool.isClosed()) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.debug("Shutting down the in-memory store failed: {}", e.toString());
            }
        }
        pool.close();
    }

    /** Where to connect; the password is never printed. */
    private record Database(String url, String user, String password, int poolSize) {

        String loggableUrl() {
            return StoreConfig.sanitizedUrl(url);
        }

        @Override
        public String toString() {
            return "Database[" + loggableUrl() + "]";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
