/**
 * XEP-0224 attention: a contact's request for the user's attention (MSN's nudge) becomes an
 * {@code <attention/>} message with a readable body; the user's {@code <attention/>} to a contact JID
 * becomes the network's request.
 */
package org.imbridge.xmpp.gateway.attention;
