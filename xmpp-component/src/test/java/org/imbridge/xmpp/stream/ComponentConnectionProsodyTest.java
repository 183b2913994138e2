package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
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

/** The component connection against a real Prosody with mod_privilege, one component for the class. */
class ComponentConnectionProsodyTest {

    @RegisterExtension
    static final ProsodyExtension PROSODY = new ProsodyExtension(PrivateProsody.builder().privilege(true));

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Non-ASCII, markup characters and a character outside the BMP, to check bodies survive both ways. */
    private static final String BODY = "h\u00e9llo \u2603 \ud83d\ude00 <b>&amp;</b>";
    /** Smack clients write this unescaped and Prosody drops them for it; the component must not. */
    private static final String CDATA_END = " ]]> ";

    private static final List<Stanza> received = new CopyOnWriteArrayList<>();
    private static final List<ComponentState> states = new CopyOnWriteArrayList<>();
    private static ComponentConnection component;

    @BeforeAll
    static void fastPolling() {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }

    @AfterAll
    static void defaultPolling() {
        Awaitility.reset();
    }

    @BeforeAll
    static void connectComponent() throws Exception {
        component = ComponentConnection.builder(ProsodyClients.componentConfig(PROSODY.server()).build())
                .onStanza(received::add)
                .onStateChange(states::add)
                .build();
        component.start().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopComponent() {
        if (component != null) {
            component.close();
        }
    }

    @Test
    void handshakeSucceedsAndThePrivilegeAdvertisementArrives() {
        assertThat(states).first().isEqualTo(new ComponentState.Connecting(1));
        assertThat(states).anySatisfy(s -> assertThat(s).isInstanceOf(ComponentState.Online.class));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(received).anySatisfy(stanza -> {
            assertThat(stanza).isInstanceOf(Message.class);
            assertThat(stanza.getFrom().toString()).isEqualTo("localhost");
            assertThat(stanza.hasExtension("privilege", "urn:xmpp:privilege:2")).isTrue();
        }));
    }

    @Test
    void clientMessageToAContactJidReachesTheComponentWithItsBodyIntact() throws Exception {
        PrivateProsody prosody = PROSODY.server();
        prosody.registerUser("alice", "alice-pw");
        XMPPTCPConnection client = ProsodyClients.newClient(prosody, "alice", "alice-pw");
        try {
            client.connect().login();
            client.sendStanza(StanzaBuilder.buildMessage("c2c1").to("someone@msn.localhost")
                    .ofType(Message.Type.chat).setBody(BODY).build());

            Message message = await().atMost(TIMEOUT).until(() -> messageWithId("c2c1"), m -> m != null);
            assertThat(message.getBody()).isEqualTo(BODY);
            assertThat(message.getType()).isEqualTo(Message.Type.chat);
            assertThat(message.getFrom().toString()).isEqualTo("alice@localhost/test");
            assertThat(message.getTo().toString()).isEqualTo("someone@msn.localhost");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void componentMessageReachesTheClient() throws Exception {
        PrivateProsody prosody = PROSODY.server();
        prosody.registerUser("bob", "bob-pw");
        XMPPTCPConnection client = ProsodyClients.newClient(prosody, "bob", "bob-pw");
        List<Message> clientReceived = new CopyOnWriteArrayList<>();
        client.addAsyncStanzaListener(stanza -> clientReceived.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        try {
            client.connect().login();

            assertThat(component.send(StanzaBuilder.buildMessage("c2b1").from("someone@msn.localhost")
                    .to("bob@localhost/test").ofType(Message.Type.chat).setBody(BODY + CDATA_END).build())).isTrue();

            String expected = BODY + CDATA_END;
            await().atMost(TIMEOUT).until(() -> clientReceived.stream().anyMatch(m -> expected.equals(m.getBody())));
            Message message = clientReceived.stream().filter(m -> expected.equals(m.getBody())).findFirst().orElseThrow();
            assertThat(message.getFrom().toString()).isEqualTo("someone@msn.localhost");
            assertThat(message.getStanzaId()).isEqualTo("c2b1");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void wrongSecretStopsWithAdviceAndDoesNotRetry() {
        List<ComponentState> wrongStates = new CopyOnWriteArrayList<>();
        ComponentConfig config = ComponentConfig.builder("msn.localhost", "not-the-secret")
                .host(PROSODY.server().host()).port(PROSODY.server().componentPort())
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(50))
                .build();
        try (ComponentConnection wrong = ComponentConnection.builder(config).onStateChange(wrongStates::add).build()) {
            CompletableFuture<Void> started = wrong.start().toCompletableFuture();

            assertThatThrownBy(() -> started.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ComponentConnectionException.class)
                    .hasMessageContaining("not-authorized").hasMessageContaining("secret");
            await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> wrongStates.size() == 2);
            assertThat(wrongStates.get(1)).isInstanceOfSatisfying(ComponentState.Stopped.class,
                    stopped -> assertThat(stopped.fatal()).isTrue());
        }
    }

    @Test
    void secondComponentWithTheSameDomainIsAFatalConflict() {
        try (ComponentConnection second = ComponentConnection.builder(ProsodyClients.componentConfig(PROSODY.server()).build()).build()) {
            assertThatThrownBy(() -> second.start().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .cause().hasMessageContaining("conflict").hasMessageContaining("already has a component connected");
        }
        assertThat(component.state()).containsInstanceOf(ComponentState.Online.class);
    }

    @Test
    void unknownComponentDomainIsFatalHostUnknown() {
        ComponentConfig config = ComponentConfig.builder("nope.localhost", "x")
                .host(PROSODY.server().host()).port(PROSODY.server().componentPort()).build();
        try (ComponentConnection unknown = ComponentConnection.builder(config).build()) {
            assertThatThrownBy(() -> unknown.start().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .cause().hasMessageContaining("host-unknown").hasMessageContaining("Component \"nope.localhost\"");
        }
    }

    private static Message messageWithId(String id) {
        return received.stream().filter(s -> s instanceof Message && id.equals(s.getStanzaId()))
                .map(Message.class::cast).findFirst().orElse(null);
    }
}
