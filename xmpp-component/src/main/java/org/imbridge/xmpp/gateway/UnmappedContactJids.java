package org.imbridge.xmpp.gateway;

import java.util.Optional;
import java.util.function.Predicate;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.ErrorReplies;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * Stanzas to a JID of the transport's domain whose local part is no legacy address ({@code %@msn},
 * {@code a%b%c@msn}, {@code abc%@msn}, {@code %abc@msn}, {@code bob@msn}, or {@code a%b@msn} when
 * {@code a@b} is not a valid account; {@code bob@msn} only when it is no room, which the gateway's
 * {@code groupchat} package asks first): answered with {@code jid-malformed} (RFC 6120 §8.3.3.8: the
 * address does not adhere to the syntax of this service's JIDs) instead of vanishing. Errors and IQ
 * results are never answered; available and unavailable presence (directed presence, which has no
 * reply in RFC 6121) are dropped.
 */
final class UnmappedContactJids {

    private final JidMapping jids;
    private final Predicate<String> validAccount;

    UnmappedContactJids(JidMapping jids, Predicate<String> validAccount) {
        this.jids = jids;
        this.validAccount = validAccount;
    }

    /** @return true when {@code stanza} was addressed to an unmapped contact JID and has been dealt with */
    boolean refuse(Stanza stanza, StanzaSink sink) {
        Jid to = stanza.getTo();
        if (to == null || !to.hasLocalpart() || !to.getDomain().equals(jids.transport())) {
            return false;
        }
        Optional<LegacyAddress> address = jids.toLegacy(to);
        if (address.isPresent() && validAccount.test(address.get().value())) {
            return false;
        }
        Jid from = stanza.getFrom();
        if (from == null || stanza.getError() != null || isErrorType(stanza)) {
            return true;
        }
        StanzaError error = StanzaError.from(StanzaError.Condition.jid_malformed,
                "'" + to.getLocalpartOrThrow() + "' is not a contact address of this transport; a contact user@domain"
                        + " is written user%domain@" + jids.transport()).build();
        if (stanza instanceof IQ iq) {
            if (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set) {
                sink.send(IQ.createErrorResponse(iq, error));
            }
        } else if (stanza instanceof Message message) {
            sink.send(ErrorReplies.bounce(message, error));
        } else if (stanza instanceof Presence presence && answersWithError(presence.getType())) {
            sink.send(StanzaBuilder.buildPresence(presence.getStanzaId()).ofType(Presence.Type.error)
                    .from(to).to(from).setError(error).build());
        }
        return true;
    }

    private static boolean isErrorType(Stanza stanza) {
        return stanza instanceof IQ iq && iq.getType() == IQ.Type.error
                || stanza instanceof Message m && m.getType() == Message.Type.error
                || stanza instanceof Presence p && p.getType() == Presence.Type.error;
    }

    private static boolean answersWithError(Presence.Type type) {
        return switch (type) {
            case subscribe, subscribed, unsubscribe, unsubscribed, probe -> true;
            default -> false;
        };
    }
}
