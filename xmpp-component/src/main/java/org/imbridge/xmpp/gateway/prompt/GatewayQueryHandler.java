package org.imbridge.xmpp.gateway.prompt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

/** Answers jabber:iq:gateway: the prompt on get, the contact JID for an address on set. */
public final class GatewayQueryHandler implements IqHandler {

    private final JidMapping jids;
    private final LegacyNetwork network;

    public GatewayQueryHandler(JidMapping jids, LegacyNetwork network) {
        this.jids = jids;
        this.network = network;
    }

    @Override
    public String element() {
        return GatewayQuery.ELEMENT;
    }

    @Override
    public String namespace() {
        return GatewayQuery.NAMESPACE;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        GatewayQuery query = (GatewayQuery) request;
        if (request.getType() == IQ.Type.get) {
            String desc = "Please enter the " + network.name() + " account of the person you would like to contact.";
            return reply(request, new GatewayQuery(desc, network.addressPrompt(), null));
        }
        String address = query.prompt() == null ? "" : query.prompt().trim();
        if (!network.isValidAccount(address)) {
            return CompletableFuture.completedFuture(IQ.createErrorResponse(request,
                    StanzaError.from(StanzaError.Condition.not_acceptable,
                            "'" + address + "' is not a valid " + network.name() + " account").build()));
        }
        return reply(request, new GatewayQuery(null, null, jids.toJid(LegacyAddress.of(address)).toString()));
    }

    private static CompletionStage<IQ> reply(IQ request, GatewayQuery answer) {
        answer.setType(IQ.Type.result);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setFrom(request.getTo());
        return CompletableFuture.completedFuture(answer);
    }
}
