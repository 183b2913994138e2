package org.imbridge.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.imbridge.app.config.TransportConfig;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.RecordingSink;
import org.imbridge.xmpp.gateway.Stanzas;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The config's limits, applied with the values in force at each stanza. */
class InboundGateTest {

    private final RecordingSink sink = new RecordingSink();
    private final List<Stanza> passed = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final AtomicReference<TransportConfig.Limits> limits =
            new AtomicReference<>(new TransportConfig.Limits(2, 10, 3, 100));
    private final RegistrationStore store = RegistrationStores.inMemory();
    private final InboundGate gate = new InboundGate(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"),
            limits::get, store, "msn", sink, Runnable::run, now::get);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aMessageLargerThanTheLimitComesBackNotAcceptable() {
        gate.admit(chat("romeo", "0123456789A"), passed::add);
        assertThat(passed).isEmpty();
        Message error = (Message) sink.last();
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(error.getBody()).isEqualTo("0123456789A");

        limits.set(new TransportConfig.Limits(2, 100, 3, 100)); // a reload raises it
        gate.admit(chat("romeo", "0123456789A"), passed::add);
        assertThat(passed).hasSize(1);
    }

    @Test
    void aUserSendingFasterThanTheRateGetsResourceConstraintOthersDoNot() {
        for (int i = 0; i < 4; i++) {
            gate.admit(chat("romeo", "hi " + i), passed::add);
        }
        assertThat(passed).hasSize(3);
        assertThat(((Message) sink.last()).getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        gate.admit(chat("juliet", "hello"), passed::add);
        assertThat(passed).hasSize(4);

        now.addAndGet(TimeUnit.SECONDS.toNanos(20)); // a third of a minute: one more message
        gate.admit(chat("romeo", "again"), passed::add);
        gate.admit(chat("romeo", "too soon"), passed::add);
        assertThat(passed).hasSize(5);
    }

    @Test
    void typingNoticesAndMessagesToTheTransportAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            gate.admit(Stanzas.parse("<message xmlns='jabber:client' type='chat' from='romeo@example.org/pc'"
                    + " to='bob%hotmail.com@msn.example.org'><composing xmlns='http://jabber.org/protocol/chatstates'/>"
                    + "</message>"), passed::add);
        }
        assertThat(passed).hasSize(10);
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void newRegistrationsBeyondMaxUsersAreRefusedReRegistrationIsNot() {
        store.save(Registration.of("a@example.org", "msn", "a@hotmail.com", "pw"));
        store.save(Registration.of("b@example.org", "msn", "b@hotmail.com", "pw"));
        gate.admit(register("c@example.org"), passed::add);
        assertThat(passed).isEmpty();
        IQ error = (IQ) sink.last();
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(error.getError().getDescriptiveText()).contains("limit of 2 users");

        gate.admit(register("a@example.org"), passed::add);
        assertThat(passed).hasSize(1);
    }

    private static Message chat(String user, String body) {
        return Stanzas.parse("<message xmlns='jabber:client' type='chat' id='m' from='" + user + "@example.org/pc'"
                + " to='bob%hotmail.com@msn.example.org'><body>" + body + "</body></message>");
    }

    private static IQ register(String user) {
        return Stanzas.parse("<iq type='set' id='r' from='" + user + "/pc' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><username>x@hotmail.com</username><password>pw</password></query></iq>");
    }
}
