package org.imbridge.xmpp.stream;

import org.jivesoftware.smack.packet.Stanza;

/**
 * Receives the stanzas the server routes to the component, in the order they arrived, one at a
 * time, on the connection's event executor (never on a MINA I/O thread). While the listener is slow,
 * up to {@link ComponentConfig#maxIncomingBacklog()} stanzas wait; beyond that the connection stops
 * reading from the socket until the backlog drains.
 */
@FunctionalInterface
public interface IncomingStanzaListener {

    /** @param stanza a {@code Message}, {@code Presence} or {@code IQ} addressed to the component's domain */
    void stanzaReceived(Stanza stanza);
}
