package org.imbridge.xmpp.gateway.attention;

import java.util.concurrent.CompletionException;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.session.SessionManager;
import org.imbridge.xmpp.gateway.register.NotRegistered;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.attention.packet.AttentionExtension;

/**
 * The user asks a contact for attention (XEP-0224): the network's request goes out; if it fails, an
 * error comes back carrying the {@code <attention/>} (and no body, which is sent on its own).
 */
public final class AttentionRequests {

    private final SessionManager sessions;
    private final StanzaSink sink;

    public AttentionRequests(SessionManager sessions, StanzaSink sink) {
        this.sessions = sessions;
        this.sink = sink;
    }

    public void send(String userJid, LegacyAddress contact, Message request) {
        sessions.user(userJid).ifPresentOrElse(
                user -> user.sendAttention(contact).whenComplete((v, e) -> {
                    if (e != null) {
                        fail(request, failureText(e));
                    }
                }),
                () -> sessions.notConnected(userJid).whenComplete((failure, e) -> {
                    if (failure != null && failure.kind() == DeliveryFailure.Kind.NOT_REGISTERED) {
                        fail(request, NotRegistered.CONDITION, NotRegistered.text(sessions.network().profile(),
                                request.getTo().asDomainBareJid()));
                    } else {
                        fail(request, failureText(failure != null ? failure : e));
                    }
                }));
    }

    private void fail(Message request, String text) {
        fail(request, StanzaError.Condition.service_unavailable, text);
    }

    private void fail(Message request, StanzaError.Condition condition, String text) {
        sink.send(StanzaBuilder.buildMessage(request.getStanzaId())
                .ofType(Message.Type.error)
                .from(request.getTo())
                .to(request.getFrom())
                .addExtension(new AttentionExtension())
                .setError(StanzaError.from(condition, "Could not ask for attention: " + text).build())
                .build());
    }

    private static String failureText(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof DeliveryFailure d ? d.userText() : String.valueOf(t.getMessage());
    }
}
