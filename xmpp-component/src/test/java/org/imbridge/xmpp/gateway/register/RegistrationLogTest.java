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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** A failed registration is in the log with the user, the account and the reason, never the password. */
class RegistrationLogTest {

    private static final String USER = "romeo@example.org";
    private static final String WRONG_PASSWORD = "Wr0ng-Pa55word";

    private final RecordingSink sink = new RecordingSink();
    private final ExecutorService storeExecutor = Executors.newSingleThreadExecutor();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(RegisterHandler.class);
    private RegistrationStore store;
    private IqRouter router;

    @BeforeEach
    void setUp() {
        logs.list = new CopyOnWriteArrayList<>();
        logs.start();
        handlerLog.addAppender(logs);
        store = RegistrationStores.inMemory();
        FakeNetwork network = new FakeNetwork().withAccount("romeo@hotmail.com", "right");
        JidMapping jids = new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.example.org"));
        router = new IqRouter(sink).register(new RegisterHandler(jids, network, store, storeExecutor,
                () -> new UserAllowlist(List.of("example.org")), sink, new RegistrationListener() {
                    @Override
                    public void onRegistered(Registration registration, boolean isNew) {
                    }

                    @Override
                    public void onUnregistering(String userJid) {
                    }
                }));
    }

    @AfterEach
    void tearDown() {
        handlerLog.detachAppender(logs);
        storeExecutor.shutdownNow();
        store.close();
    }

    @Test
    void aWrongPasswordIsLoggedAtInfoWithTheUserAndReasonButNotThePassword() {
        register("romeo@hotmail.com", WRONG_PASSWORD);

        ILoggingEvent line = awaitLine("registration of");
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getFormattedMessage()).contains(USER).contains("romeo@hotmail.com").contains("wrong password");
        assertNoPassword();
    }

    @Test
    void anUnreachableNetworkIsLoggedAtWarnWithTheUserAndReasonButNotThePassword() {
        register("nobody@hotmail.com", WRONG_PASSWORD); // the fake network cannot reach unknown accounts

        ILoggingEvent line = awaitLine("registration of");
        assertThat(line.getLevel()).isEqualTo(Level.WARN);
        assertThat(line.getFormattedMessage()).contains(USER).contains("nobody@hotmail.com").contains("unreachable")
                .contains("no such server");
        assertNoPassword();
    }

    private void assertNoPassword() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !sink.sent().isEmpty()); // the error reply: done
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(WRONG_PASSWORD);
            assertThat(String.valueOf(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                    .doesNotContain(WRONG_PASSWORD);
        });
    }

    private ILoggingEvent awaitLine(String text) {
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.list.stream()
                .anyMatch(e -> e.getFormattedMessage().contains(text)));
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains(text)).findFirst().orElseThrow();
    }

    private void register(String account, String password) {
        router.route(Stanzas.parse("<iq type='set' id='r' from='" + USER + "/res' to='msn.example.org'>"
                + "<query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"
                + "<field var='username'><value>" + account + "</value></field>"
                + "<field var='password'><value>" + password + "</value></field></x></query></iq>"));
    }
}
