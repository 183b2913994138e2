package org.imbridge.xmpp.gateway.presence;

import java.util.Optional;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionManager;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.mapping.PresenceMapping;
import org.imbridge.xmpp.gateway.outbound.StanzaOutput;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presences the user sends to the transport or to contact JIDs. Available and unavailable drive the
 * legacy session (any resource, to any of our JIDs); probes are answered from what we know;
 * subscription requests become legacy list changes: subscribe to a contact adds it (FL and AL),
 * unsubscribe removes it, and approving ({@code subscribed}) or denying ({@code unsubscribed}) a
 * contact who asked for authorization allows (AL) or blocks (BL) it.
 */
public final class PresenceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceHandler.class);

    private final JidMapping jids;
    private final SessionManager sessions;
    private final StanzaOutput output;
    private final StanzaSink sink;

    public PresenceHandler(JidMapping jids, SessionManager sessions, StanzaOutput output, StanzaSink sink) {
        this.jids = jids;
        this.sessions = sessions;
        this.output = output;
        this.sink = sink;
    }

    public void handle(Presence presence) {
        Jid from = presence.getFrom();
        Jid to = presence.getTo();
        if (from == null || to == null || !from.hasLocalpart()) {
            return;
        }
        boolean toTransport = jids.isTransport(to);
        Optional<LegacyAddress> contact = jids.toLegacy(to);
        if (!toTransport && contact.isEmpty()) {
            return;
        }
        String user = from.asBareJid().toString();
        switch (presence.getType()) {
            case available -> sessions.resourcePresence(user, resource(from), PresenceMapping.fromXmpp(presence),
                    presence.getPriority());
            case unavailable -> sessions.resourceGone(user, resource(from));
            case probe -> answerProbe(presence, user, from, to, contact);
            case subscribe -> subscribe(user, from.asBareJid(), to, contact, presence);
            case unsubscribe -> contact.ifPresent(c -> unsubscribe(user, from.asBareJid(), c));
            case subscribed -> contact.ifPresent(c -> {
                if (output.takePendingRequest(user, c)) {
                    withUser(user, u -> u.authorize(c, true), "allow " + c);
                }
            });
            case unsubscribed -> contact.ifPresent(c -> {
                if (output.takePendingRequest(user, c)) {
                    withUser(user, u -> u.authorize(c, false), "block " + c);
                }
            });
            default -> { }
        }
    }

    private void answerProbe(Presence probe, String user, Jid from, Jid to, Optional<LegacyAddress> contact) {
        Optional<BridgedUser> bridged = sessions.user(user);
        org.imbridge.core.model.Presence answer;
        if (contact.isEmpty()) {
            boolean online = bridged.map(u -> u.state() == LinkState.ONLINE).orElse(false);
            answer = online ? org.imbridge.core.model.Presence.AVAILABLE : org.imbridge.core.model.Presence.UNAVAILABLE;
        } else if (bridged.isPresent() && bridged.get().state() == LinkState.ONLINE
                && bridged.get().contact(contact.get()).isEmpty()) {
            // Only once logged in is the contact list complete: a contact not on it is unknown
            // (RFC 6120 8.3.3.7), while before that all we can say is that we know no presence.
            sink.send(StanzaBuilder.buildPresence(probe.getStanzaId()).ofType(Presence.Type.error).from(to).to(from)
                    .setError(StanzaError.from(StanzaError.Condition.item_not_found,
                            contact.get() + " is not on your " + networkName() + " contact list").build()).build());
            return;
        } else {
            answer = bridged.flatMap(u -> u.contact(contact.get())).map(Contact::presence)
                    .orElse(org.imbridge.core.model.Presence.UNAVAILABLE);
        }
        sink.send(PresenceMapping.toXmpp(answer, to, from.asBareJid()));
    }

    private void subscribe(String user, BareJid userJid, Jid to, Optional<LegacyAddress> contact, Presence request) {
        if (contact.isEmpty()) {
            sessions.isRegistered(user).whenComplete((registered, e) ->
                    reply(Boolean.TRUE.equals(registered) ? Presence.Type.subscribed : Presence.Type.unsubscribed, to, userJid));
            return;
        }
        LegacyAddress address = contact.get();
        Nick nick = request.getExtension(Nick.class);
        Optional<BridgedUser> bridged = sessions.user(user);
        if (bridged.isEmpty()) {
            reply(Presence.Type.unsubscribed, to, userJid);
            return;
        }
        bridged.get().addContact(address, nick == null ? null : nick.getName(), null).whenComplete((v, e) -> {
            if (e == null) {
                reply(Presence.Type.subscribed, to, userJid);
            } else {
                reply(Presence.Type.unsubscribed, to, userJid);
                notice(userJid, "Could not add " + address + " to your " + networkName() + " contacts: " + rootMessage(e));
            }
        });
    }

    /** The network's name within a sentence, e.g. {@code MSN}. */
    private String networkName() {
        return sessions.network().profile().shortName();
    }

    private void unsubscribe(String user, BareJid userJid, LegacyAddress contact) {
        reply(Presence.Type.unsubscribed, jids.toJid(contact), userJid);
        withUser(user, u -> u.removeContact(contact), "remove " + contact);
    }

    private void withUser(String user, java.util.function.Function<BridgedUser, java.util.concurrent.CompletionStage<Void>> op,
                          String what) {
        sessions.user(user).ifPresent(u -> op.apply(u).whenComplete((v, e) -> {
            if (e != null) {
                LOG.info("{}: could not {}: {}", user, what, rootMessage(e));
            }
        }));
    }

    private void reply(Presence.Type type, Jid from, BareJid to) {
        sink.send(StanzaBuilder.buildPresence().ofType(type).from(from).to(to).build());
    }

    private void notice(BareJid user, String text) {
        sink.send(StanzaBuilder.buildMessage().ofType(Message.Type.headline).from(jids.transport()).to(user)
                .setBody(text).build());
    }

    private static String resource(Jid from) {
        return from.getResourceOrEmpty().toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
