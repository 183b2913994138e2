/**
 * Getting legacy contacts into the user's roster: XEP-0356 privileged roster pushes when the user's
 * server grants them ({@link org.imbridge.xmpp.gateway.roster.PrivilegedRosterSync}), otherwise
 * {@code subscribe} presences carrying XEP-0172 nicknames
 * ({@link org.imbridge.xmpp.gateway.roster.SubscriptionRosterSync}), chosen per user by
 * {@link org.imbridge.xmpp.gateway.roster.RosterSyncSelector}; what was synced is remembered so a
 * returning user is not asked again.
 */
package org.imbridge.xmpp.gateway.roster;
