package org.imbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.cluster.SoleInstance;
import org.imbridge.core.registration.RegistrationStoreException;
import org.imbridge.store.cluster.PostgresSessionOwnership;

/**
 * Opens the {@link SessionOwnership} of the store a config names: on PostgreSQL the instances of a
 * deployment share users through the database; any other store (an H2 file, which one process
 * opens) makes this the only instance.
 */
public final class SessionOwnerships {

    private static final int POOL_SIZE = 2;

    private SessionOwnerships() {
    }

    /**
     * @param config   the registration store's config (the same database)
     * @param instance this instance's name
     * @param lease    how old a heartbeat may be for its instance to count as live
     * @param grace    how long a user another live instance took stays with it
     * @return the ownership; close it on shutdown
     * @throws IllegalStateException      when a live instance already has this name
     * @throws RegistrationStoreException when the database cannot be reached or migrated
     */
    public static SessionOwnership open(StoreConfig config, String instance, Duration lease, Duration grace) {
        if (!config.jdbcUrl().startsWith("jdbc:postgresql:")) {
            return new SoleInstance(instance);
        }
        HikariDataSource pool = pool(config);
        try {
            SchemaMigrator.migrate(pool);
            Properties properties = new Properties();
            if (config.user() != null) {
                properties.setProperty("user", config.user());
            }
            if (config.password() != null) {
                properties.setProperty("password", config.password());
            }
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", "imbridge " + instance);
            return PostgresSessionOwnership.join(pool, () -> DriverManager.getConnection(config.jdbcUrl(), properties),
                    instance, lease, grace);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("instances");
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new RegistrationStoreException("cannot connect to the instances' database " + config.loggableUrl()
                    + ": " + e.getMessage(), e);
        }
    }
}
