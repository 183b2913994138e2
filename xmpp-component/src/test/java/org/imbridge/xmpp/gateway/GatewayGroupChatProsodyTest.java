package org.imbridge.xmpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConnection;
import org.imbridge.xmpp.testing.ProsodyClients;
import org.imbridge.xmpp.testing.ProsodyExtension;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * A group conversation's room, entered with Smack's own MUC client through a real Prosody: proof that
 * the rooms speak XEP-0045 as clients expect (join, occupants, messages and their reflection, leave).
 */
class GatewayGroupChatProsodyTest {

    @RegisterExtension
    static final ProsodyExtension PROSODY = new ProsodyExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final LegacyAddress BOB = LegacyAddress.of("bob@fakenet.example");

    private final FakeNetwork network = new FakeNetwork().withSessions();
    private final RegistrationStore store = RegistrationStores.inMemory();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private ComponentConnection component;
    private Gateway gateway;
    private XMPPTCPConnection alice;
    private String aliceJid;

    @BeforeEach
    void connect() throws Exception {
        PrivateProsody prosody = PROSODY.server();
        AtomicReference<ComponentConnection> stream = new AtomicReference<>();
        gateway = new Gateway(new JidMapping(JidCreate.domainBareFrom(prosody.componentDomain())), network, store,
                stanza -> stream.get().send(stanza), () -> new UserAllowlist(List.of(prosody.virtualHost())), pool,
                scheduler, new SessionPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 100, Duration.ofSeconds(20)));
        component = ComponentConnection.builder(ProsodyClients.componentConfig(prosody).build())
                .onStanza(gateway::accept).build();
        stream.set(component);
        component.start().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        aliceJid = prosody.registerUser("alice", "alice-pw");
        store.save(Registration.of(aliceJid, FakeNetwork.ID, "alice@fakenet.example", "pw"));
        alice = ProsodyClients.newClient(prosody, "alice", "alice-pw");
        alice.connect().login();
    }

    @AfterEach
    void close() {
        if (alice != null) {
            alice.disconnect();
        }
        if (component != null) {
            component.close();
        }
        pool.shutdownNow();
        scheduler.shutdownNow();
        store.close();
    }

    @Test
    void smacksMultiUserChatEntersTheRoomOfAConversationAndTalksInIt() throws Exception {
        String transport = PROSODY.server().componentDomain();
        alice.sendStanza(StanzaBuilder.buildPresence().to(transport).build());
        await().atMost(TIMEOUT).until(() -> gateway.sessions().user(aliceJid)
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        FakeSession session = network.session("alice@fakenet.example").orElseThrow();
        MultiUserChatManager mucs = MultiUserChatManager.getInstanceFor(alice);
        List<EntityBareJid> invitedTo = new CopyOnWriteArrayList<>();
        mucs.addInvitationListener((conn, room, inviter, reason, password, message, invitation) ->
                invitedTo.add(room.getRoom()));

        session.listener().onGroupChatStarted("sb1", List.of(new Participant(BOB, "Bob")));

        EntityBareJid roomJid = JidCreate.entityBareFrom("sb1@" + transport);
        await().atMost(TIMEOUT).until(() -> invitedTo.contains(roomJid));
        MultiUserChat room = mucs.getMultiUserChat(roomJid);
        List<Message> inRoom = new CopyOnWriteArrayList<>();
        room.addMessageListener(inRoom::add);
        room.join(Resourcepart.from("Alice"));

        assertThat(room.isJoined()).isTrue();
        Occupant bob = room.getOccupant(JidCreate.entityFullFrom("sb1@" + transport + "/Bob"));
        assertThat(bob).isNotNull();
        assertThat(bob.getJid().toString()).isEqualTo("bob%fakenet.example@" + transport);

        session.listener().onGroupMessage("sb1", BOB, "hello Alice");
        await().atMost(TIMEOUT).until(() -> inRoom.stream().anyMatch(m -> "hello Alice".equals(m.getBody())));
        assertThat(inRoom.stream().filter(m -> "hello Alice".equals(m.getBody())).findFirst().orElseThrow()
                .getFrom().toString()).isEqualTo("sb1@" + transport + "/Bob");

        room.sendMessage("hi Bob");
        await().atMost(TIMEOUT).until(() -> inRoom.stream().anyMatch(m -> "hi Bob".equals(m.getBody())));
        assertThat(session.calls()).contains("sendGroupMessage sb1 hi Bob");

        room.leave();
        await().atMost(TIMEOUT).until(() -> session.calls().contains("leaveGroupChat sb1"));
    }

    @Test
    void smacksMultiUserChatCreatesAnInstantRoomAndInvitesAContactIntoANewConversation() throws Exception {
        String transport = PROSODY.server().componentDomain();
        alice.sendStanza(StanzaBuilder.buildPresence().to(transport).build());
        await().atMost(TIMEOUT).until(() -> gateway.sessions().user(aliceJid)
                .map(u -> u.state() == LinkState.ONLINE).orElse(false));
        FakeSession session = network.session("alice@fakenet.example").orElseThrow();
        MultiUserChat room = MultiUserChatManager.getInstanceFor(alice)
                .getMultiUserChat(JidCreate.entityBareFrom("plans@" + transport));

        room.create(Resourcepart.from("Alice")).makeInstant();
        room.invite(JidCreate.entityBareFrom("bob%fakenet.example@" + transport), "let us plan");

        await().atMost(TIMEOUT).until(() -> session.calls().contains("openGroupChat bob@fakenet.example"));
        await().atMost(TIMEOUT).until(() -> room.getOccupants().stream()
                .anyMatch(o -> o.toString().equals("plans@" + transport + "/bob@fakenet.example")));
        room.sendMessage("shall we?");
        await().atMost(TIMEOUT).until(() -> session.calls().contains("sendGroupMessage g-bob@fakenet.example shall we?"));
    }
}
