package org.imbridge.xmpp.gateway.stanza;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;

/** A message that could not be delivered, returned to its sender as an error (RFC 6120 §8.3). */
public final class ErrorReplies {

    private ErrorReplies() {
    }

    /** @see #bounce(Message, StanzaError) */
    public static Message bounce(Message original, StanzaError.Condition condition, String text) {
        return bounce(original, StanzaError.from(condition, text).build());
    }

    /**
     * The same id, the addresses swapped, and the original body and thread, so that the sender's
     * client shows which message was not delivered and in which conversation.
     */
    public static Message bounce(Message original, StanzaError error) {
        MessageBuilder reply = StanzaBuilder.buildMessage(original.getStanzaId())
                .ofType(Message.Type.error)
                .from(original.getTo())
                .to(original.getFrom())
                .setError(error);
        if (original.getBody() != null) {
            reply.setBody(original.getBody());
        }
        if (original.getThread() != null) {
            reply.setThread(original.getThread());
        }
        return reply.build();
    }
}
