package org.imbridge.xmpp.gateway.vcard;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionManager;
import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.register.NotRegistered;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;

/**
 * XEP-0054 {@code get} on the transport (its own card, for anyone) and on contact JIDs (what the network
 * tells about a contact on the asking user's list, while the user is online). vCards cannot be set: the
 * network's data is not the user's to edit here.
 */
public final class VCardHandler implements IqHandler {

    private final JidMapping jids;
    private final SessionManager sessions;
    private final String networkName;

    public VCardHandler(JidMapping jids, SessionManager sessions) {
        this.jids = jids;
        this.sessions = sessions;
        this.networkName = sessions.network().name();
    }

    @Override
    public String element() {
        return VCard.ELEMENT;
    }

    @Override
    public String namespace() {
        return VCard.NAMESPACE;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        if (request.getType() != IQ.Type.get) {
            return error(request, StanzaError.Condition.not_allowed, "vCards here cannot be changed");
        }
        if (jids.isTransport(request.getTo())) {
            return done(VCards.transport(networkName), request);
        }
        Optional<LegacyAddress> contact = jids.toLegacy(request.getTo());
        if (contact.isEmpty()) {
            return error(request, StanzaError.Condition.item_not_found, null);
        }
        String userJid = request.getFrom().asBareJid().toString();
        return sessions.isRegistered(userJid).thenCompose(registered -> registered
                ? contactCard(request, userJid, contact.get())
                : error(request, NotRegistered.CONDITION, NotRegistered.text(sessions.network().profile(),
                        jids.transport())));
    }

    private CompletionStage<IQ> contactCard(IQ request, String userJid, LegacyAddress contact) {
        Optional<BridgedUser> user = sessions.user(userJid).filter(u -> u.state() == LinkState.ONLINE);
        if (user.isEmpty()) {
            return error(request, StanzaError.Condition.service_unavailable,
                    "You are not connected to " + networkName + "; go online first");
        }
        if (user.get().contact(contact).isEmpty()) {
            return error(request, StanzaError.Condition.item_not_found,
                    contact.value() + " is not on your " + networkName + " contact list");
        }
        return user.get().contactCard(contact).handle((card, failure) -> failure == null
                ? answer(VCards.contact(card), request)
                : failed(request, failure));
    }

    private static CompletionStage<IQ> done(VCard card, IQ request) {
        return CompletableFuture.completedFuture(answer(card, request));
    }

    private static IQ answer(VCard card, IQ request) {
        card.setType(IQ.Type.result);
        card.setStanzaId(request.getStanzaId());
        card.setTo(request.getFrom());
        card.setFrom(request.getTo());
        return card;
    }

    private static CompletionStage<IQ> error(IQ request, StanzaError.Condition condition, String text) {
        StanzaError.Builder error = StanzaError.getBuilder(condition);
        if (text != null) {
            error.setDescriptiveEnText(text);
        }
        return CompletableFuture.completedFuture(IQ.createErrorResponse(request, error.build()));
    }

    /** A network without contact details says so; anything else means the network could not answer now. */
    private static IQ failed(IQ request, Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        StanzaError.Condition condition = t instanceof DeliveryFailure d && d.kind() == DeliveryFailure.Kind.UNSUPPORTED
                ? StanzaError.Condition.feature_not_implemented : StanzaError.Condition.service_unavailable;
        String text = t instanceof DeliveryFailure d ? d.userText() : "Could not get the contact's details: " + t.getMessage();
        return IQ.createErrorResponse(request, StanzaError.from(condition, text).build());
    }
}
