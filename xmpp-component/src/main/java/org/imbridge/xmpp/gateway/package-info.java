/**
 * The gateway: stanza handlers, one per concern (disco, registration, jabber:iq:gateway, presence,
 * roster, messages), the {@link org.imbridge.xmpp.gateway.IqRouter} that dispatches IQs to them, and the
 * {@link org.imbridge.xmpp.gateway.JidMapping} between legacy addresses and JIDs.
 */
package org.imbridge.xmpp.gateway;
