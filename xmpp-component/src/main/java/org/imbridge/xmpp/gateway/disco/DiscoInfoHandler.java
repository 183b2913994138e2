package org.imbridge.xmpp.gateway.disco;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;

/**
 * disco#info: the transport is a {@code gateway} of the network's type, each contact JID a
 * {@code client/pc}; nodes are not supported ({@code item-not-found}).
 */
public final class DiscoInfoHandler implements IqHandler {

    public static final String NAMESPACE_INFO = "http://jabber.org/protocol/disco#info";

    private final JidMapping jids;
    private final Features features;
    private final String gatewayName;
    private final String gatewayType;

    public DiscoInfoHandler(JidMapping jids, Features features, String gatewayName, String gatewayType) {
        this.jids = jids;
        this.features = features;
        this.gatewayName = gatewayName;
        this.gatewayType = gatewayType;
    }

    @Override
    public String element() {
        return "query";
    }

    @Override
    public String namespace() {
        return NAMESPACE_INFO;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        if (request.getType() != IQ.Type.get) {
            return done(IQ.createErrorResponse(request, StanzaError.Condition.bad_request));
        }
        DiscoverInfo query = (DiscoverInfo) request;
        if (query.getNode() != null) {
            return done(IQ.createErrorResponse(request, StanzaError.Condition.item_not_found));
        }
        DiscoverInfoBuilder answer = DiscoverInfoBuilder.buildResponseFor(query, IQ.ResponseType.result);
        if (jids.isTransport(request.getTo())) {
            answer.addIdentity(new DiscoverInfo.Identity("gateway", gatewayName, gatewayType));
            answer.addFeatures(features.transportFeatures());
        } else if (jids.toLegacy(request.getTo()).isPresent()) {
            answer.addIdentity(new DiscoverInfo.Identity("client", null, "pc"));
            answer.addFeatures(features.contactFeatures());
        } else {
            return done(IQ.createErrorResponse(request, StanzaError.Condition.item_not_found));
        }
        return done(answer.build());
    }

    private static CompletionStage<IQ> done(IQ iq) {
        return CompletableFuture.completedFuture(iq);
    }
}
