/**
 * Registrations: which user (bare JID) uses which legacy account on which network, with the legacy
 * password kept encrypted at rest.
 *
 * <p>{@link org.imbridge.core.registration.RegistrationStore} is the interface the rest of the bridge
 * uses; {@link org.imbridge.core.registration.RegistrationStores#open(StoreConfig)} opens the JDBC
 * implementation (an H2 file database by default, PostgreSQL by JDBC URL), migrates its schema with
 * Flyway and checks the encryption key. {@link org.imbridge.core.registration.SecretBox} seals the
 * legacy passwords with AES-256-GCM.
 *
 * <p>The package knows neither XMPP nor any legacy network: JIDs, network ids and legacy accounts are
 * plain strings that callers have already normalised.
 */
package org.imbridge.core.registration;
