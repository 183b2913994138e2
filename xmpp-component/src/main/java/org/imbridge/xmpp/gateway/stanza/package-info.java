/** Where the gateway's outgoing stanzas go, and error replies to stanzas it cannot deliver. */
package org.imbridge.xmpp.gateway.stanza;
