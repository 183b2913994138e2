/**
 * XEP-0191 blocking on the transport's domain: the user's block list on the legacy network as contact
 * JIDs, block and unblock requests, and pushes when the list changes.
 */
package org.imbridge.xmpp.gateway.blocking;
