/** The bridge's model written in XMPP: legacy addresses as contact JIDs, and presences. */
package org.imbridge.xmpp.gateway.mapping;
