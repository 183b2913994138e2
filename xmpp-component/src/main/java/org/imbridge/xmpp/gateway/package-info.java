/**
 * The gateway assembled: {@link org.imbridge.xmpp.gateway.Gateway} wires the stanza handlers of the
 * subpackages (one per concern: disco, registration, jabber:iq:gateway, presence, roster, messages),
 * the session manager and the {@link org.imbridge.xmpp.gateway.outbound.StanzaOutput}, and first turns
 * away stanzas to contact JIDs that are no legacy address. Nothing else imports this package: what the
 * handlers share lives in {@code gateway.mapping}, {@code gateway.stanza} and {@code gateway.iq}.
 */
package org.imbridge.xmpp.gateway;
