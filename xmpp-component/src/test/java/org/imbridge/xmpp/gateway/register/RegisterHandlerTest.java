package org.imbridge.xmpp.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.FakeNetwork;
import org.imbridge.xmpp.gateway.RecordingSink;
import org.imbridge.xmpp.gateway.Stanzas;
import org.imbridge.xmpp.gateway.iq.IqRouter;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class RegisterHandlerTest {

    private static final String USER = "romeo@example.org";

    private final RecordingSink sink = new RecordingSink();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ExecutorService storeExecutor = Executors.newSingleThreadExecutor();
    private RegistrationStore store;
    private IqRouter router;

    @BeforeEach
    void setUp() throws Exception {
        store = RegistrationStores.inMemory();
        FakeNetwork network = new FakeNetwork()
                .withAccount("romeo@hotmail.com", "right")
                .withAccount("other@hotmail.com", "pw");
        JidMapping jids = new JidMapping(JidCreate.domainBareFrom("msn.example.org"));
        RegistrationListener listener = new RegistrationListener() {
            @Override
            public void onRegistered(Registration registration, boolean isNew) {
                events.add((isNew ? "new " : "update ") + registration.legacyAccount());
            }

            @Override
            public void onUnregistering(String userJid) {
                events.add("removing " + userJid);
            }
        };
        router = new IqRouter(sink).register(new RegisterHandler(jids, network, store, storeExecutor,
                () -> new UserAllowlist(List.of("example.org")), sink, listener));
    }

    @AfterEach
    void tearDown() throws Exception {
        storeExecutor.shutdownNow();
        store.close();
    }

    @Test
    void registersThenAsksForASubscription() {
        register("r1", USER, "romeo@hotmail.com", "right");

        List<Stanza> out = awaitStanzas(2);
        assertThat(out.get(0)).isInstanceOfSatisfying(IQ.class, iq -> {
            assertThat(iq.getType()).isEqualTo(IQ.Type.result);
            assertThat(iq.getStanzaId()).isEqualTo("r1");
        });
        assertThat(out.get(1)).isInstanceOfSatisfying(Presence.class, p -> {
            assertThat(p.getType()).isEqualTo(Presence.Type.subscribe);
            assertThat(p.getFrom().toString()).isEqualTo("msn.example.org");
            assertThat(p.getTo().toString()).isEqualTo(USER);
        });
        assertThat(store.find(USER, FakeNetwork.ID)).get().extracting(Registration::legacyAccount, Registration::legacyPassword)
                .containsExactly("romeo@hotmail.com", "right");
        assertThat(events).containsExactly("new romeo@hotmail.com");
    }

    @Test
    void reRegisteringUpdatesWithoutAskingAgain() {
        register("r1", USER, "romeo@hotmail.com", "right");
        awaitStanzas(2);
        sink.clear();

        register("r2", USER, "other@hotmail.com", "pw");

        assertThat(awaitStanzas(1)).singleElement().isInstanceOf(IQ.class);
        assertThat(((IQ) sink.last()).getType()).isEqualTo(IQ.Type.result);
        assertThat(store.find(USER, FakeNetwork.ID)).get().extracting(Registration::legacyAccount).isEqualTo("other@hotmail.com");
        assertThat(events).containsExactly("new romeo@hotmail.com", "update other@hotmail.com");
    }

    @Test
    void reRegisteringWithTheSameCredentialsDoesNotLogInAgain() {
        store.save(Registration.of(USER, FakeNetwork.ID, "romeo@hotmail.com", "stored-only"));

        register("r3", USER, "romeo@hotmail.com", "stored-only");

        assertThat(((IQ) awaitStanzas(1).get(0)).getType()).isEqualTo(IQ.Type.result);
        assertThat(events).containsExactly("update romeo@hotmail.com");
    }

    @Test
    void getShowsTheCurrentAccountOnceRegistered() {
        router.route(Stanzas.parse("<iq type='get' id='g1' from='" + USER + "/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'/></iq>"));
        var blank = (org.jivesoftware.smackx.iqregister.packet.Registration) awaitStanzas(1).get(0);
        assertThat(blank.getAttributes()).doesNotContainKey("registered");

        store.save(Registration.of(USER, FakeNetwork.ID, "romeo@hotmail.com", "right"));
        sink.clear();
        router.route(Stanzas.parse("<iq type='get' id='g2' from='" + USER + "/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'/></iq>"));
        var filled = (org.jivesoftware.smackx.iqregister.packet.Registration) awaitStanzas(1).get(0);
        assertThat(filled.getAttributes()).containsKey("registered").containsEntry("username", "romeo@hotmail.com");
        assertThat(Stanzas.xml(filled)).doesNotContain("right");
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertError("romeo@hotmail.com", "wrong", USER, StanzaError.Condition.not_authorized);
        assertError("nobody@hotmail.com", "x", USER, StanzaError.Condition.remote_server_not_found);
        assertError("not an account", "x", USER, StanzaError.Condition.not_acceptable);
        assertError("romeo@hotmail.com", "right", "mallory@evil.org", StanzaError.Condition.not_allowed);
        assertError("", "x", USER, StanzaError.Condition.not_acceptable);
        assertThat(store.count(FakeNetwork.ID)).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aLegacyAccountBelongsToOneUser() {
        register("r1", USER, "romeo@hotmail.com", "right");
        awaitStanzas(2);
        sink.clear();
        assertError("romeo@hotmail.com", "right", "juliet@example.org", StanzaError.Condition.conflict);
    }

    @Test
    void removeRetractsEveryContactAndTheTransportAndDeletesEverything() {
        store.save(Registration.of(USER, FakeNetwork.ID, "romeo@hotmail.com", "right"));
        store.markSynced(USER, FakeNetwork.ID, "bob@hotmail.com");
        store.markSynced(USER, FakeNetwork.ID, "carol@hotmail.com");

        router.route(Stanzas.parse("<iq type='set' id='u1' from='" + USER + "/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><remove/></query></iq>"));

        List<Stanza> out = awaitStanzas(7);
        assertThat(((IQ) out.get(0)).getType()).isEqualTo(IQ.Type.result);
        assertThat(out.subList(1, 7)).allSatisfy(s -> assertThat(s.getTo().toString()).isEqualTo(USER))
                .extracting(s -> s.getFrom() + " " + ((Presence) s).getType())
                .containsExactlyInAnyOrder(
                        "bob%hotmail.com@msn.example.org unsubscribe", "bob%hotmail.com@msn.example.org unsubscribed",
                        "carol%hotmail.com@msn.example.org unsubscribe", "carol%hotmail.com@msn.example.org unsubscribed",
                        "msn.example.org unsubscribe", "msn.example.org unsubscribed");
        assertThat(store.find(USER, FakeNetwork.ID)).isEmpty();
        assertThat(store.syncedContacts(USER, FakeNetwork.ID)).isEmpty();
        assertThat(events).containsExactly("removing " + USER);
    }

    @Test
    void removeWithoutRegistrationIsAnError() {
        router.route(Stanzas.parse("<iq type='set' id='u2' from='" + USER + "/r' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><remove/></query></iq>"));
        assertThat(awaitStanzas(1).get(0).getError().getCondition()).isEqualTo(StanzaError.Condition.registration_required);
    }

    private void assertError(String account, String password, String from, StanzaError.Condition condition) {
        sink.clear();
        register("e", from, account, password);
        Stanza reply = awaitStanzas(1).get(0);
        assertThat(reply.getError()).as(account + " from " + from).isNotNull();
        assertThat(reply.getError().getCondition()).isEqualTo(condition);
        assertThat(reply.getError().getDescriptiveText()).isNotBlank();
    }

    private void register(String id, String from, String account, String password) {
        router.route(Stanzas.parse("<iq type='set' id='" + id + "' from='" + from + "/res' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"
                + "<field var='username'><value>" + account + "</value></field>"
                + "<field var='password'><value>" + password + "</value></field></x></query></iq>"));
    }

    private List<Stanza> awaitStanzas(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.sent().size() >= count);
        return List.copyOf(sink.sent());
    }
}
