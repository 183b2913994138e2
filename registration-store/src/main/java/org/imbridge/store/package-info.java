/**
 * The registration store on JDBC: {@link org.imbridge.store.JdbcRegistrationStore} implements
 * {@link org.imbridge.core.registration.RegistrationStore} for H2 and PostgreSQL.
 *
 * <p>{@link org.imbridge.store.RegistrationStores#open(StoreConfig)} opens it as
 * {@link org.imbridge.store.StoreConfig} describes (an H2 file database by default, PostgreSQL by JDBC
 * URL): a HikariCP pool, the schema migrated with Flyway (scripts in {@code org/imbridge/store/db}),
 * the encryption key loaded from the environment or a {@link org.imbridge.store.KeyFile} and checked.
 * {@link org.imbridge.store.SecretBox} seals the legacy passwords with AES-256-GCM.
 *
 * <p>Only the launcher and tests that need a real store depend on this package; the session core and
 * the gateway see the {@code RegistrationStore} interface only.
 */
package org.imbridge.store;
