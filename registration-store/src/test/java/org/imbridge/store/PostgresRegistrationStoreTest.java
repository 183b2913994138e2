package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL server, started once for the class; a new database per test. */
class PostgresRegistrationStoreTest extends RegistrationStoreContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    StoreConfig newDatabaseConfig(Path keyFile) {
        return StoreConfig.jdbc(POSTGRES.newDatabase(), PostgresServer.USER, null, keyFile);
    }

    @Test
    void runsOnPostgresql() throws Exception {
        try (var c = rawConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }
}
