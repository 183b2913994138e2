package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacyNetworks;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.msn.plugin.MsnNetwork;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.AuthorizationRequest;
import org.imbridge.msnserver.plugin.EventRecorder.ContactsReported;
import org.imbridge.msnserver.plugin.EventRecorder.Notice;
import org.imbridge.msnserver.plugin.EventRecorder.Online;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checking credentials, logging in, the contact list and the user's own status, against our MSN server. */
class MsnLoginTest {

    private BridgeNetwork net;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    // ---- verifyCredentials ----

    @Test
    void goodPasswordIsAcceptedAndLeavesNoSessionOnline() throws Exception {
        net.network.verifyCredentials(BridgeNetwork.credentials("alice@hotmail.com"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(EventRecorder.TIMEOUT).until(() -> !net.server.isOnline("alice@hotmail.com"));
        assertThat(net.network.client().connectionCount()).isZero();
    }

    @Test
    void wrongPasswordIsBadCredentials() {
        LoginFailure failure = verifyFails(net.network,
                new LegacyCredentials(LegacyAddress.of("alice@hotmail.com"), "wrong"));

        assertThat(failure.kind()).isEqualTo(LoginFailure.Kind.BAD_CREDENTIALS);
        assertThat(failure.getMessage()).contains("password");
    }

    @Test
    void serverNotRunningIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (MsnNetwork nowhere = new MsnNetwork(new InetSocketAddress("127.0.0.1", closedPort), BridgeNetwork.clientConfig())) {
            LoginFailure failure = verifyFails(nowhere, BridgeNetwork.credentials("alice@hotmail.com"));

            assertThat(failure.kind()).isEqualTo(LoginFailure.Kind.UNREACHABLE);
            assertThat(failure.getMessage()).contains("cannot be reached");
        }
    }

    @Test
    void malformedAccountIsRefusedWithoutConnecting() {
        LoginFailure failure = verifyFails(net.network, new LegacyCredentials(LegacyAddress.of("no-at-sign"), "x"));

        assertThat(failure.kind()).isEqualTo(LoginFailure.Kind.MALFORMED_ACCOUNT);
        assertThat(net.network.isValidAccount("no-at-sign")).isFalse();
        assertThat(net.network.isValidAccount("alice@hotmail.com")).isTrue();
    }

    @Test
    void networkFromTheFactoryReachesTheConfiguredHostAndPort() throws Exception {
        InetSocketAddress ds = net.server.dispatchAddress();
        try (LegacyNetwork msn = LegacyNetworks.byId("msn").create(Map.of("host", "127.0.0.1",
                "port", String.valueOf(ds.getPort())))) {
            msn.verifyCredentials(BridgeNetwork.credentials("bob@hotmail.com")).toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(msn.id()).isEqualTo("msn");
            assertThat(verifyFails(msn, new LegacyCredentials(LegacyAddress.of("bob@hotmail.com"), "nope")).kind())
                    .isEqualTo(LoginFailure.Kind.BAD_CREDENTIALS);
        }
    }

    // ---- login ----

    @Test
    void loginReportsTheContactListBeforeCompleting() {
        BridgedSession alice = net.alice();

        List<ContactsReported> reports = alice.events().all(ContactsReported.class);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).contacts()).containsExactly(
                new Contact(LegacyAddress.of("bob@hotmail.com"), "Bob Smith", Set.of("Friends"), Presence.UNAVAILABLE),
                new Contact(LegacyAddress.of("carol@hotmail.com"), "Carol ☺ 100%", Set.of("Friends", "Work Mates"),
                        Presence.UNAVAILABLE),
                new Contact(LegacyAddress.of("erin@hotmail.com"), "Erin", Set.of("Other Contacts"), Presence.UNAVAILABLE));
        assertThat(alice.events().events()).last().isInstanceOf(Online.class);
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.NLN);
    }

    @Test
    void contactsAlreadyOnlineArriveAsPresenceAfterTheList() {
        net.peer("bob@hotmail.com").status(MsnStatus.BRB);

        BridgedSession alice = net.alice();

        EventRecorder.PresenceOf bob = alice.events().awaitPresence("bob@hotmail.com",
                new Presence(PresenceShow.AWAY, "Be Right Back"));
        List<EventRecorder.Event> events = alice.events().events();
        assertThat(events.indexOf(bob)).isGreaterThan(events.indexOf(alice.events().all(ContactsReported.class).get(0)));
    }

    @ParameterizedTest
    @CsvSource({"AVAILABLE, NLN", "CHAT, NLN", "AWAY, AWY", "XA, IDL", "DND, BSY", "UNAVAILABLE, HDN"})
    void loginGoesToTheMappedStatus(PresenceShow show, MsnStatus expected) {
        net.alice(Presence.of(show));

        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(expected);
    }

    @Test
    void setPresenceChangesTheStatusOnTheServer() throws Exception {
        BridgedSession alice = net.alice();

        alice.session().setPresence(new Presence(PresenceShow.DND, "meeting")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.BSY);

        alice.session().setPresence(Presence.of(PresenceShow.XA)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.IDL);
    }

    @Test
    void wrongPasswordFailsTheLoginWithBadCredentials() {
        BridgedSession s = net.session("alice@hotmail.com");
        BridgedSession wrong = new BridgedSession(net.network.openSession(
                new LegacyCredentials(LegacyAddress.of("alice@hotmail.com"), "wrong"), s.events()), s.events());

        Throwable failure = unwrap(catchThrowable(() -> wrong.session().login(Presence.AVAILABLE)
                .toCompletableFuture().get(10, TimeUnit.SECONDS)));

        assertThat(failure).isInstanceOfSatisfying(LoginFailure.class,
                f -> assertThat(f.kind()).isEqualTo(LoginFailure.Kind.BAD_CREDENTIALS));
        assertThat(s.events().events()).isEmpty();
    }

    @Test
    void pendingReverseListEntriesAskForAuthorizationAtLogin() {
        BridgedSession alice = net.alice();

        // dave has alice on his list; alice never allowed or blocked him. bob and carol are on her AL.
        assertThat(alice.events().all(AuthorizationRequest.class))
                .containsExactly(new AuthorizationRequest(LegacyAddress.of("dave@hotmail.com"), "Dave"));
    }

    @Test
    void unreadMailAtLoginIsANotice() {
        BridgedSession alice = net.alice();

        assertThat(alice.events().await(Notice.class).text()).isEqualTo("You have 2 unread e-mails in your Hotmail inbox");
    }

    @Test
    void aSessionLogsInOnlyOnce() throws Exception {
        BridgedSession alice = net.alice();

        Throwable again = unwrap(catchThrowable(() -> alice.session().login(Presence.AVAILABLE)
                .toCompletableFuture().get(10, TimeUnit.SECONDS)));

        assertThat(again).isInstanceOf(LoginFailure.class);
        assertThat(net.server.isOnline("alice@hotmail.com")).isTrue();
    }

    private static LoginFailure verifyFails(LegacyNetwork network, LegacyCredentials credentials) {
        Throwable t = unwrap(catchThrowable(() -> network.verifyCredentials(credentials)
                .toCompletableFuture().get(10, TimeUnit.SECONDS)));
        assertThat(t).isInstanceOf(LoginFailure.class);
        return (LoginFailure) t;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
