package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.imbridge.xmpp.testing.ProsodyExtension;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The component survives its server being killed and started again on the same ports. */
class ComponentReconnectProsodyTest {

    @RegisterExtension
    final ProsodyExtension prosodyPerTest = new ProsodyExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Stanza> received = new CopyOnWriteArrayList<>();
    private final List<ComponentState> states = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void fastPolling() {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }

    @AfterAll
    static void defaultPolling() {
        Awaitility.reset();
    }

    @Test
    void reconnectsByItselfAfterTheServerRestartsAndStanzasFlowAgain() throws Exception {
        PrivateProsody prosody = prosodyPerTest.server();
        prosody.registerUser("carol", "carol-pw");
        ComponentConfig config = ProsodyClients.componentConfig(prosody)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .build();
        try (ComponentConnection component = ComponentConnection.builder(config)
                .onStanza(received::add).onStateChange(states::add).build()) {
            component.start().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            exchangeMessages(prosody, component, "before");

            prosody.kill();
            await().atMost(TIMEOUT).until(() -> states.stream().anyMatch(ComponentState.Reconnecting.class::isInstance));
            prosody.start();

            await().atMost(TIMEOUT).until(() -> states.stream().filter(ComponentState.Online.class::isInstance).count() == 2);
            assertThat(states).noneMatch(ComponentState.Stopped.class::isInstance);
            exchangeMessages(prosody, component, "after");
        }
    }

    private void exchangeMessages(PrivateProsody prosody, ComponentConnection component, String tag) throws Exception {
        XMPPTCPConnection client = ProsodyClients.newClient(prosody, "carol", "carol-pw");
        List<Message> clientReceived = new CopyOnWriteArrayList<>();
        client.addAsyncStanzaListener(stanza -> clientReceived.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        try {
            client.connect().login();
            client.sendStanza(StanzaBuilder.buildMessage("in-" + tag).to("dave@msn.localhost")
                    .ofType(Message.Type.chat).setBody("to component " + tag).build());
            await().atMost(TIMEOUT).until(() -> received.stream()
                    .anyMatch(s -> s instanceof Message m && ("to component " + tag).equals(m.getBody())));

            assertThat(component.send(StanzaBuilder.buildMessage("out-" + tag).from("dave@msn.localhost")
                    .to("carol@localhost/test").ofType(Message.Type.chat).setBody("to client " + tag).build())).isTrue();
            await().atMost(TIMEOUT).until(() -> clientReceived.stream()
                    .anyMatch(m -> ("to client " + tag).equals(m.getBody())));
        } finally {
            client.disconnect();
        }
    }
}
