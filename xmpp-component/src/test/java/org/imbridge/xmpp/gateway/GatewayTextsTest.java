package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the gateway tells users names the network it is given, here {@link FakeNetwork}, never MSN. */
class GatewayTextsTest {

    private static final String ROMEO = "romeo@localhost";

    private final GatewayFixture fixture = new GatewayFixture();
    private final RecordingSink sink = fixture.sink;
    private final Gateway gateway = fixture.gateway;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMessageToTheTransportItselfShowsAnAddressOfTheNetwork() {
        gateway.accept(Stanzas.parse("<message xmlns='jabber:client' type='chat' id='m1' from='" + ROMEO
                + "/r' to='msn.localhost'><body>hello?</body></message>"));

        Message bounce = (Message) sink.last();
        assertThat(bounce.getType()).isEqualTo(Message.Type.error);
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented);
        assertThat(bounce.getError().getDescriptiveText()).isEqualTo("This is the FakeNet transport itself;"
                + " write to your contacts' JIDs (someone%fakenet.example@msn.localhost)");
    }

    @Test
    void noticesHaveTheNetworksNameAsSubject() {
        gateway.output().notice(ROMEO, "Your mailbox is full");

        Message notice = (Message) sink.last();
        assertThat(notice.getType()).isEqualTo(Message.Type.headline);
        assertThat(notice.getSubject()).isEqualTo("FakeNet");
        assertThat(notice.getBody()).isEqualTo("Your mailbox is full");
    }

    @Test
    void theDiscoIdentityIsAGatewayToTheNetwork() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='d1' from='" + ROMEO
                + "/r' to='msn.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        DiscoverInfo info = (DiscoverInfo) sink.last();
        assertThat(info.getIdentities()).singleElement().satisfies(id -> {
            assertThat(id.getCategory()).isEqualTo("gateway");
            assertThat(id.getType()).isEqualTo("fakenet");
            assertThat(id.getName()).isEqualTo("FakeNet Chat Transport");
        });
    }

    @Test
    void theRegistrationFormAsksForAnAccountOfTheNetwork() {
        gateway.accept(Stanzas.parse("<iq xmlns='jabber:client' type='get' id='r1' from='" + ROMEO
                + "/r' to='msn.localhost'><query xmlns='jabber:iq:register'/></iq>"));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.sentOfType(IQ.class).stream()
                .anyMatch(iq -> "r1".equals(iq.getStanzaId())));
        Registration form = (Registration) sink.sentOfType(IQ.class).stream()
                .filter(iq -> "r1".equals(iq.getStanzaId())).findFirst().orElseThrow();
        assertThat(form.getInstructions()).isEqualTo("Enter your FakeNet Chat account (member address) and password.");
    }
}
