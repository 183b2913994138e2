/** Legacy-session events (bridge-core's {@code BridgeOutput}) as stanzas to the user. */
package org.imbridge.xmpp.gateway.outbound;
