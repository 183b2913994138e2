/** XEP-0030 Service Discovery for the transport and its contact JIDs. */
package org.imbridge.xmpp.gateway.disco;
