package org.imbridge.xmpp.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Stanza;

/** A {@link StanzaSink} that keeps what it is given, for assertions. */
public final class RecordingSink implements StanzaSink {

    private final List<Stanza> sent = new CopyOnWriteArrayList<>();

    @Override
    public boolean send(Stanza stanza) {
        sent.add(stanza);
        return true;
    }

    public List<Stanza> sent() {
        return sent;
    }

    public Stanza last() {
        return sent.get(sent.size() - 1);
    }

    @SuppressWarnings("unchecked")
    public <T extends Stanza> List<T> sentOfType(Class<T> type) {
        return (List<T>) sent.stream().filter(type::isInstance).toList();
    }

    public void clear() {
        sent.clear();
    }
}
