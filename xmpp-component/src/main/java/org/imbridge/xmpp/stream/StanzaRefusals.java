package org.imbridge.xmpp.stream;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.DomainBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the stanzas the component cannot take, those the decoder refused and those that cannot be
 * parsed: one log line each, without their content, and an error back to the sender
 * ({@link ErrorBounce}) where there is one.
 */
final class StanzaRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(StanzaRefusals.class);
    private static final int MAX_LOGGED_CHARS = 80;

    private final DomainBareJid domain;
    private final int maxStanzaBytes;
    private final Predicate<Stanza> send;

    /**
     * @param domain         the component's domain
     * @param maxStanzaBytes the size limit, to tell senders
     * @param send           queues a stanza to the server; false if it could not
     */
    StanzaRefusals(DomainBareJid domain, int maxStanzaBytes, Predicate<Stanza> send) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.maxStanzaBytes = maxStanzaBytes;
        this.send = Objects.requireNonNull(send, "send");
    }

    /** @param rejected an element the decoder skipped */
    void rejected(StreamEvent.Rejected rejected) {
        switch (rejected.reason()) {
            case TOO_LARGE -> refuse(rejected.envelope(), StanzaError.Condition.policy_violation,
                    "larger than " + maxStanzaBytes + " bytes",
                    "The stanza is larger than this transport accepts (" + maxStanzaBytes + " bytes).");
            case TOO_DEEP -> refuse(rejected.envelope(), StanzaError.Condition.not_acceptable,
                    "nested more than " + StreamFramingDecoder.MAX_NESTING_DEPTH + " levels deep",
                    "The stanza nests elements more than " + StreamFramingDecoder.MAX_NESTING_DEPTH
                            + " levels deep, more than this transport accepts.");
        }
    }

    /**
     * @param envelope the element that could not be parsed
     * @param failure  why
     */
    void unparseable(StreamEvent.Envelope envelope, ContainedStanzaParser.Failed failure) {
        String text = failure.condition() == StanzaError.Condition.jid_malformed
                ? "The stanza carries an address that is not a valid JID."
                : "This transport cannot parse the stanza.";
        refuse(envelope, failure.condition(), "cannot parse it: " + failure.reason(), text);
    }

    private void refuse(StreamEvent.Envelope envelope, StanzaError.Condition condition, String reason, String text) {
        Optional<Stanza> bounce = ErrorBounce.of(envelope, condition, text, domain);
        LOG.warn("refused a <{}> id={} from {}: {}; {}", envelope.name(), abbreviate(envelope.id()),
                abbreviate(envelope.from()), reason, bounce.isPresent() ? "answered with " + condition
                        : "no error reply (no sender, or an error or result itself)");
        if (bounce.isPresent() && !send.test(bounce.get())) {
            LOG.warn("could not queue the {} reply to {}", condition, abbreviate(envelope.from()));
        }
    }

    /** Shortens what a peer chose (an id, a JID) before it goes into a log line. */
    private static String abbreviate(String peerText) {
        return peerText.length() <= MAX_LOGGED_CHARS ? peerText
                : peerText.substring(0, MAX_LOGGED_CHARS) + "…(" + peerText.length() + " chars)";
    }
}
