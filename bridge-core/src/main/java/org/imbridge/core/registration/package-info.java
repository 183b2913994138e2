/**
 * Registrations: which user (bare JID) uses which legacy account on which network, with the legacy
 * password kept encrypted at rest.
 *
 * <p>{@link org.imbridge.core.registration.RegistrationStore} is the interface the rest of the bridge
 * uses, {@link org.imbridge.core.registration.Registration} the value it keeps and
 * {@link org.imbridge.core.registration.Limits} the checks every implementation applies. The package
 * needs no database library: the JDBC implementation (H2 or PostgreSQL, Flyway migrations, passwords
 * sealed with AES-256-GCM) lives in the {@code registration-store} module, package
 * {@code org.imbridge.store}, so that a legacy network plugin depending on this module does not carry
 * a database stack.
 *
 * <p>The package knows neither XMPP nor any legacy network: JIDs, network ids and legacy accounts are
 * plain strings that callers have already normalised.
 */
package org.imbridge.core.registration;
