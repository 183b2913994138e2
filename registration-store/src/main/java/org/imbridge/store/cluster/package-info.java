/**
 * {@link org.imbridge.core.cluster.SessionOwnership} on PostgreSQL, for several transport instances
 * sharing one database: an advisory lock and a heartbeat row per instance, a claim row per user with
 * a session, {@code NOTIFY} to tell an instance it lost a user. See the README, "Running several
 * instances".
 */
package org.imbridge.store.cluster;
