package org.imbridge.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.imbridge.core.registration.RegistrationStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store's schema to the current version with Flyway: the versioned scripts in
 * {@code org/imbridge/store/db} ({@code V<n>__<what>.sql}), their history in the table
 * {@value #HISTORY_TABLE}. Already applied versions are skipped and checked against their checksums,
 * so a restart applies nothing; an edited script that was already applied stops the start.
 *
 * <p>New schema changes are new scripts ({@code V2__...sql}), never edits of old ones, written in SQL
 * that both H2 and PostgreSQL accept.
 */
public final class SchemaMigrator {

    /** Flyway's history table for this store (named so it cannot clash with another component's). */
    static final String HISTORY_TABLE = "registration_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String LOCATION = "classpath:org/imbridge/store/db";

    private SchemaMigrator() {
    }

    /**
     * Applies the pending migrations.
     *
     * @param dataSource the database (needs two free connections while migrating)
     * @return the schema version now in place
     * @throws RegistrationStoreException when migrating fails
     */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : flyway.info().current().getVersion().getVersion();
            if (result.migrationsExecuted > 0) {
                LOG.info("Registration store schema migrated from version {} to {} ({} migration(s))",
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion, version,
                        result.migrationsExecuted);
            } else {
                LOG.info("Registration store schema is up to date (version {})", version);
            }
            return version;
        } catch (FlywayException e) {
            throw new RegistrationStoreException("cannot migrate the registration store schema: " + e.getMessage(), e);
        }
    }
}
