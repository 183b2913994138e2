/** Presence in both directions: the user's resources to the legacy session, contacts' presence to the user. */
package org.imbridge.xmpp.gateway.presence;
