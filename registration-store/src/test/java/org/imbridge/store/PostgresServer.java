package org.imbridge.store;

import org.imbridge.postgres.PrivatePostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PrivatePostgres} per test class: it starts before the first test and is stopped and deleted
 * after the last, even when tests fail. {@link #newDatabase()} gives each test an empty database.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresServer POSTGRES = new PostgresServer();
 * }</pre>
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    /** The superuser; trust authentication, so no password. */
    public static final String USER = PrivatePostgres.USER;

    private final PrivatePostgres server = new PrivatePostgres();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    /** @return the port the server listens on, on 127.0.0.1 */
    public int port() {
        return server.port();
    }

    /** @return the JDBC URL of {@code database} */
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    /** @return the JDBC URL of a new empty database (user {@link #USER}, no password) */
    public String newDatabase() {
        return server.newDatabase();
    }
}
