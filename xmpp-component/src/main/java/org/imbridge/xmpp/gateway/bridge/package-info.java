/** The XMPP end of the bridge: legacy-session events as stanzas to the user. */
package org.imbridge.xmpp.gateway.bridge;
