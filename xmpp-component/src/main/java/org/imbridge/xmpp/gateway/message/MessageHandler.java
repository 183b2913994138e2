package org.imbridge.xmpp.gateway.message;

import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.session.SessionManager;
import org.imbridge.xmpp.gateway.attention.AttentionMessages;
import org.imbridge.xmpp.gateway.attention.AttentionRequests;
import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.imbridge.xmpp.gateway.files.OutgoingFiles;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.register.NotRegistered;
import org.imbridge.xmpp.gateway.stanza.ErrorReplies;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;

/**
 * Messages from the user: a body to a contact JID goes to the legacy session; a receipt request is
 * answered with {@code <received/>} once the network confirmed delivery; a message that cannot be
 * delivered comes back as an error with the reason; {@code <composing/>} becomes a typing notice;
 * {@code <attention/>} (XEP-0224) asks the contact for attention, besides any body.
 * Error messages are never answered (no error loops).
 */
public final class MessageHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MessageHandler.class);

    private final JidMapping jids;
    private final SessionManager sessions;
    private final StanzaSink sink;
    private final AttentionRequests attention;
    private final OutgoingFiles files;

    public MessageHandler(JidMapping jids, SessionManager sessions, StanzaSink sink, AttentionRequests attention) {
        this(jids, sessions, sink, attention, null);
    }

    /** @param files offers the file behind a shared link (XEP-0066) to the contact; null for links as text only */
    public MessageHandler(JidMapping jids, SessionManager sessions, StanzaSink sink, AttentionRequests attention,
                          OutgoingFiles files) {
        this.files = files;
        this.attention = attention;
        this.jids = jids;
        this.sessions = sessions;
        this.sink = sink;
    }

    public void handle(Message message) {
        if (message.getType() == Message.Type.error || message.getFrom() == null || message.getTo() == null) {
            return;
        }
        Optional<LegacyAddress> contact = jids.toLegacy(message.getTo());
        if (contact.isEmpty()) {
            if (jids.isTransport(message.getTo()) && message.getBody() != null) {
                NetworkProfile network = sessions.network().profile();
                bounce(message, StanzaError.Condition.feature_not_implemented,
                        "This is the " + network.shortName() + " transport itself; write to your contacts' JIDs ("
                                + jids.toJid(LegacyAddress.of(network.exampleAddress())) + ")");
            }
            return;
        }
        String user = message.getFrom().asBareJid().toString();
        ChatStateExtension state = (ChatStateExtension) message.getExtension(ChatStateExtension.NAMESPACE);
        String body = message.getBody();
        Optional<String> link = files == null ? Optional.empty() : OutOfBandData.urlOf(message);
        if (link.isPresent() && (body == null || !body.contains(link.get()))) {
            // the link travels as text too: a contact who cannot take the file still gets it
            body = body == null || body.isBlank() ? link.get() : body + "\n" + link.get();
        }
        if (AttentionMessages.requestsAttention(message)) {
            attention.send(user, contact.get(), message);
        }
        if (body == null) {
            if (state != null && state.getChatState() == org.jivesoftware.smackx.chatstates.ChatState.composing) {
                sessions.sendChatState(user, contact.get(), ChatState.COMPOSING);
            }
            return;
        }
        boolean receipt = message.hasExtension(DeliveryReceiptRequest.ELEMENT, DeliveryReceipt.NAMESPACE);
        if (LOG.isDebugEnabled()) {
            // Guarded: the varargs array and boxing would otherwise cost on every message.
            LOG.debug("{} -> {}: {} chars, receipt {}, id {}", user, contact.get(), body.length(), receipt,
                    message.getStanzaId());
        }
        String text = body;
        sessions.sendMessage(user, contact.get(), text, receipt).whenComplete((v, e) -> {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} -> {}: {}", user, contact.get(), e == null ? "delivered" : e.toString());
            }
            if (e != null) {
                DeliveryFailure failure = asFailure(e);
                if (failure.kind() == DeliveryFailure.Kind.NOT_REGISTERED) {
                    bounce(message, NotRegistered.CONDITION,
                            NotRegistered.text(sessions.network().profile(), jids.transport()));
                    return;
                }
                bounce(message, conditionFor(failure.kind()), failure.userText());
                return;
            }
            link.ifPresent(url -> files.send(user, contact.get(), url));
            if (receipt && message.getStanzaId() != null) {
                sink.send(StanzaBuilder.buildMessage()
                        .ofType(message.getType())
                        .from(message.getTo())
                        .to(message.getFrom())
                        .addExtension(new DeliveryReceipt(message.getStanzaId()))
                        .build());
            }
        });
    }

    /** The message back to its sender as an error, with its body so the user sees what was lost. */
    private void bounce(Message original, StanzaError.Condition condition, String text) {
        sink.send(ErrorReplies.bounce(original, condition, text));
    }

    private static DeliveryFailure asFailure(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof DeliveryFailure d ? d
                : new DeliveryFailure(DeliveryFailure.Kind.NOT_DELIVERED, "The message was not delivered: " + t.getMessage());
    }

    static StanzaError.Condition conditionFor(DeliveryFailure.Kind kind) {
        return switch (kind) {
            case RECIPIENT_UNAVAILABLE -> StanzaError.Condition.recipient_unavailable;
            case NOT_DELIVERED -> StanzaError.Condition.service_unavailable;
            case TIMEOUT -> StanzaError.Condition.remote_server_timeout;
            case SESSION_DOWN -> StanzaError.Condition.service_unavailable;
            case NOT_REGISTERED -> NotRegistered.CONDITION;
            case NOT_ACCEPTABLE -> StanzaError.Condition.not_acceptable;
            case UNSUPPORTED -> StanzaError.Condition.feature_not_implemented;
        };
    }
}
