package org.imbridge.xmpp.stream;

import java.util.Optional;

import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The error reply to a stanza the component could not take, built from its {@link StreamEvent.Envelope}
 * alone (the stanza itself could not be parsed, or was never kept): same kind and id, {@code from}
 * and {@code to} swapped (RFC 6120 §8.3.1).
 */
final class ErrorBounce {

    private ErrorBounce() {
    }

    /**
     * @param original  the refused element's envelope
     * @param condition why it was refused
     * @param text      a human-readable explanation for the sender
     * @param component the component's domain: the reply's sender when the original {@code to} is not
     *                  a valid JID
     * @return the error to send back, or empty when there is nobody to answer (no valid {@code from}),
     *         the element is no stanza, or answering would answer an error or an IQ result
     */
    static Optional<Stanza> of(StreamEvent.Envelope original, StanzaError.Condition condition, String text,
                               DomainBareJid component) {
        if (!original.isStanza() || original.type().equals("error")
                || (original.name().equals("iq") && original.type().equals("result"))) {
            return Optional.empty();
        }
        Optional<Jid> sender = jid(original.from());
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        Jid replyFrom = jid(original.to()).orElse(component);
        String id = original.id().isEmpty() ? null : original.id();
        StanzaError error = StanzaError.from(condition, text).build();
        Stanza reply = switch (original.name()) {
            case "message" -> StanzaBuilder.buildMessage(id).ofType(Message.Type.error)
                    .from(replyFrom).to(sender.get()).setError(error).build();
            case "presence" -> StanzaBuilder.buildPresence(id).ofType(Presence.Type.error)
                    .from(replyFrom).to(sender.get()).setError(error).build();
            default -> iqError(id, replyFrom, sender.get(), error);
        };
        return Optional.of(reply);
    }

    private static IQ iqError(String id, Jid replyFrom, Jid sender, StanzaError error) {
        // Smack builds IQ errors only as the response to a request: stand in for the refused one.
        IQ request = new EmptyResultIQ();
        request.setType(IQ.Type.get);
        request.setStanzaId(id);
        request.setFrom(sender);
        request.setTo(replyFrom);
        return IQ.createErrorResponse(request, error);
    }

    private static Optional<Jid> jid(String address) {
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JidCreate.from(address));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
