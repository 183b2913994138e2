package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.Test;

class ErrorBounceTest {

    private static final DomainBareJid COMPONENT = JidCreate.domainBareFromOrThrowUnchecked("msn.localhost");
    private static final String NS = StreamEvent.COMPONENT_NAMESPACE;

    @Test
    void messageIsAnsweredWithAMessageErrorOfTheSameIdFromTheAddressee() {
        Stanza reply = bounce(new StreamEvent.Envelope("message", NS, "alice@localhost/pc", "bob@msn.localhost",
                "m1", "chat"), StanzaError.Condition.policy_violation);

        assertThat(reply).isInstanceOf(Message.class);
        assertThat(((Message) reply).getType()).isEqualTo(Message.Type.error);
        assertThat(reply.getStanzaId()).isEqualTo("m1");
        assertThat(reply.getFrom().toString()).isEqualTo("bob@msn.localhost");
        assertThat(reply.getTo().toString()).isEqualTo("alice@localhost/pc");
        assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
        assertThat(reply.getError().getType()).isEqualTo(StanzaError.Type.MODIFY);
        assertThat(reply.getError().getDescriptiveText()).isEqualTo("too big");
        assertThat(StanzaCodec.serialize(reply)).contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
    }

    @Test
    void presenceIsAnsweredWithAPresenceError() {
        Stanza reply = bounce(new StreamEvent.Envelope("presence", NS, "alice@localhost/pc", "msn.localhost", "p1", ""),
                StanzaError.Condition.not_acceptable);

        assertThat(reply).isInstanceOf(Presence.class);
        assertThat(((Presence) reply).getType()).isEqualTo(Presence.Type.error);
        assertThat(reply.getStanzaId()).isEqualTo("p1");
        assertThat(reply.getFrom().toString()).isEqualTo("msn.localhost");
        assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
    }

    @Test
    void iqRequestIsAnsweredWithAnIqError() {
        Stanza reply = bounce(new StreamEvent.Envelope("iq", NS, "alice@localhost/pc", "msn.localhost", "q1", "get"),
                StanzaError.Condition.bad_request);

        assertThat(reply).isInstanceOf(IQ.class);
        assertThat(((IQ) reply).getType()).isEqualTo(IQ.Type.error);
        assertThat(reply.getStanzaId()).isEqualTo("q1");
        assertThat(reply.getTo().toString()).isEqualTo("alice@localhost/pc");
        assertThat(reply.getFrom().toString()).isEqualTo("msn.localhost");
        assertThat(StanzaCodec.serialize(reply)).contains("type='error'").contains("<bad-request");
    }

    @Test
    void anInvalidAddresseeIsReplacedByTheComponentDomain() {
        Stanza reply = bounce(new StreamEvent.Envelope("message", NS, "alice@localhost/pc",
                "bob@msn.localhost/" + "r".repeat(2000), "m2", ""), StanzaError.Condition.jid_malformed);

        assertThat(reply.getFrom().toString()).isEqualTo(COMPONENT.toString());
        assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.jid_malformed);
    }

    @ParameterizedTest(name = "{0} type=''{1}'' from=''{2}''")
    @CsvSource({
            "message, error, alice@localhost/pc",
            "presence, error, alice@localhost/pc",
            "iq, error, alice@localhost/pc",
            "iq, result, alice@localhost/pc",
            "message, chat, ''",
            "presence, '', ''",
            "handshake, '', alice@localhost/pc",
    })
    void noReplyToErrorsResultsNonStanzasOrWhenThereIsNoValidSender(String name, String type, String from) {
        StreamEvent.Envelope envelope = new StreamEvent.Envelope(name, NS, from, "bob@msn.localhost", "x1", type);

        assertThat(ErrorBounce.of(envelope, StanzaError.Condition.bad_request, "no", COMPONENT)).isEmpty();
    }

    @Test
    void noReplyWhenTheSenderIsNotAValidJid() {
        StreamEvent.Envelope envelope = new StreamEvent.Envelope("message", NS, "alice@localhost/" + "r".repeat(2000),
                "bob@msn.localhost", "x1", "chat");

        assertThat(ErrorBounce.of(envelope, StanzaError.Condition.bad_request, "no", COMPONENT)).isEmpty();
    }

    @Test
    void noReplyToAStanzaOutsideTheComponentNamespace() {
        StreamEvent.Envelope envelope = new StreamEvent.Envelope("message", "jabber:client", "alice@localhost/pc",
                "bob@msn.localhost", "x1", "chat");

        assertThat(ErrorBounce.of(envelope, StanzaError.Condition.bad_request, "no", COMPONENT)).isEmpty();
    }

    private static Stanza bounce(StreamEvent.Envelope envelope, StanzaError.Condition condition) {
        return ErrorBounce.of(envelope, condition, "too big", COMPONENT).orElseThrow();
    }
}
