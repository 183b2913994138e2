/**
 * XEP-0114: Jabber Component Protocol. The component's stream to its XMPP server: a MINA connection
 * ({@link org.imbridge.xmpp.stream.ComponentConnection}), framing of the incoming XML stream into
 * top-level elements ({@link org.imbridge.xmpp.stream.StreamFramingDecoder}), the SHA-1 handshake,
 * Smack parsing and serialization of stanzas ({@link org.imbridge.xmpp.stream.StanzaCodec}),
 * whitespace keepalive and reconnection.
 */
package org.imbridge.xmpp.stream;
