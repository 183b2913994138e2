/**
 * Getting legacy contacts into the user's roster: XEP-0356 privileged roster push when the server
 * grants it, otherwise {@code subscribe} presences carrying XEP-0172 nicknames; what was synced is
 * remembered so a returning user is not asked again.
 */
package org.imbridge.xmpp.gateway.roster;
