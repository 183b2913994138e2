package org.imbridge.xmpp.gateway.basics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

/** XEP-0199: a ping gets an empty result. */
public final class PingHandler implements IqHandler {

    public static final String NAMESPACE = "urn:xmpp:ping";

    @Override
    public String element() {
        return "ping";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        IQ answer = request.getType() == IQ.Type.get
                ? IQ.createResultIQ(request)
                : IQ.createErrorResponse(request, StanzaError.Condition.bad_request);
        return CompletableFuture.completedFuture(answer);
    }
}
