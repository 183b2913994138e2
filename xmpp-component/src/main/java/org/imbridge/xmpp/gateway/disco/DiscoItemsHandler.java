package org.imbridge.xmpp.gateway.disco;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;

/** disco#items: the transport and its contacts have no items of their own. */
public final class DiscoItemsHandler implements IqHandler {

    public static final String NAMESPACE_ITEMS = "http://jabber.org/protocol/disco#items";

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return NAMESPACE_ITEMS;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        if (request.getType() != IQ.Type.get) {
            return CompletableFuture.completedFuture(IQ.createErrorResponse(request, StanzaError.Condition.bad_request));
        }
        DiscoverItems answer = new DiscoverItems();
        answer.setType(IQ.Type.result);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setFrom(request.getTo());
        answer.setNode(((DiscoverItems) request).getNode());
        return CompletableFuture.completedFuture(answer);
    }
}
