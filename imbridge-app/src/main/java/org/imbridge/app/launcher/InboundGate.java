package org.imbridge.app.launcher;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.imbridge.app.config.TransportConfig;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.xmpp.gateway.stanza.ErrorReplies;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.imbridge.xmpp.stream.StreamXml;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jxmpp.jid.DomainBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of the config, applied to what users send before the gateway sees it, with the values
 * in force at that moment (so reloads apply at once): a chat message larger than
 * {@code max-message-bytes} comes back {@code not-acceptable}; more than {@code messages-per-minute}
 * from one user come back {@code resource-constraint}; a new registration beyond {@code max-users}
 * is refused with {@code resource-constraint}.
 */
final class InboundGate {

    private static final Logger LOG = LoggerFactory.getLogger(InboundGate.class);

    private final DomainBareJid transport;
    private final Supplier<TransportConfig.Limits> limits;
    private final RegistrationStore store;
    private final String network;
    private final StanzaSink sink;
    private final Executor pool;
    private final LongSupplier nanoTime;
    private final RateLimiter rates = new RateLimiter();

    InboundGate(DomainBareJid transport, Supplier<TransportConfig.Limits> limits, RegistrationStore store,
                String network, StanzaSink sink, Executor pool, LongSupplier nanoTime) {
        this.transport = transport;
        this.limits = limits;
        this.store = store;
        this.network = network;
        this.sink = sink;
        this.pool = pool;
        this.nanoTime = nanoTime;
    }

    /** Passes {@code stanza} on to {@code onward} (now, or later from the pool), or answers it with an error. */
    void admit(Stanza stanza, Consumer<Stanza> onward) {
        if (stanza instanceof Message message && isChatToContact(message)) {
            TransportConfig.Limits now = limits.get();
            if (StreamXml.utf8Length(message.getBody()) > now.maxMessageBytes()) {
                bounce(message, StanzaError.Condition.not_acceptable,
                        "The message is larger than the " + now.maxMessageBytes() + " bytes this transport relays");
                return;
            }
            if (!rates.tryAcquire(message.getFrom().asBareJid().toString(), now.messagesPerMinute(), nanoTime.getAsLong())) {
                bounce(message, StanzaError.Condition.resource_constraint, "You are sending messages too fast: at most "
                        + now.messagesPerMinute() + " a minute; this one was not sent");
                return;
            }
        } else if (stanza instanceof Registration registration && isNewRegistration(registration)) {
            try {
                pool.execute(() -> admitRegistration(registration, onward));
            } catch (RejectedExecutionException e) {
                LOG.debug("registration dropped: the transport is stopping");
            }
            return;
        }
        onward.accept(stanza);
    }

    /** Forgets idle users' rate buckets; run every minute or so. */
    void sweep() {
        rates.sweep(limits.get().messagesPerMinute(), nanoTime.getAsLong());
    }

    private boolean isChatToContact(Message message) {
        return message.getType() != Message.Type.error && message.getBody() != null && message.getFrom() != null
                && message.getTo() != null && message.getTo().hasLocalpart()
                && message.getTo().asDomainBareJid().equals(transport);
    }

    private boolean isNewRegistration(Registration registration) {
        return registration.getType() == IQ.Type.set && registration.getFrom() != null
                && registration.getTo() != null && registration.getTo().equals(transport)
                && !registration.getAttributes().containsKey("remove");
    }

    private void admitRegistration(Registration registration, Consumer<Stanza> onward) {
        int max = limits.get().maxUsers();
        String user = registration.getFrom().asBareJid().toString();
        try {
            if (store.find(user, network).isEmpty() && store.count(network) >= max) {
                LOG.warn("refused the registration of {}: the transport has reached limits.max-users ({})", user, max);
                sink.send(IQ.createErrorResponse(registration, StanzaError.getBuilder(StanzaError.Condition.resource_constraint)
                        .setDescriptiveEnText("This transport has reached its limit of " + max + " users").build()));
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot check limits.max-users for {}: {}", user, e.toString());
        }
        onward.accept(registration);
    }

    private void bounce(Message original, StanzaError.Condition condition, String text) {
        sink.send(ErrorReplies.bounce(original, condition, text));
    }
}
