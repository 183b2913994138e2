package org.imbridge.xmpp.gateway.stanza;

import org.jivesoftware.smack.packet.Stanza;

/** Where the gateway writes outgoing stanzas (the component stream, or a list in tests). */
@FunctionalInterface
public interface StanzaSink {

    /**
     * Queues {@code stanza} for sending. Waits only while the stream is up and its queue is full (a
     * burst being drained), and briefly. Returns false when it could not be queued.
     */
    boolean send(Stanza stanza);
}
