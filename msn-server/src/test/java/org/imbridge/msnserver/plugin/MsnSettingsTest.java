package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.AccountSettings.Visibility;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.msn.client.Contact;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.PrivacyMode;
import org.imbridge.msnserver.account.ReversePrompt;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.AuthorizationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user's own name and privacy settings: REA, BLP, GTC (docs/msnp.md §5.1, §5.6). */
class MsnSettingsTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final LegacyAddress FRANK = LegacyAddress.of("frank@hotmail.com");
    private static final LegacyAddress DAVE = LegacyAddress.of("dave@hotmail.com");
    private static final AccountSettings DEFAULTS =
            new AccountSettings("Alice Liddell", Visibility.EVERYONE_NOT_BLOCKED, true);

    private BridgeNetwork net;
    private BridgedSession alice;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
        alice = net.alice();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void settingsAreTheLoginNameAndTheServersPrivacySettings() {
        assertThat(Peer.join(alice.session().settings())).isEqualTo(DEFAULTS);
    }

    @Test
    void aNewNameGoesToTheServerAndWatchersSeeIt() {
        Peer bob = net.peer("bob@hotmail.com");
        long before = net.server.listVersion(ALICE);

        done(alice.session().changeSettings(DEFAULTS.withDisplayName("Alice ☺ 100%")));

        assertThat(account().nick()).isEqualTo("Alice ☺ 100%");
        assertThat(net.server.listVersion(ALICE)).isEqualTo(before + 1);
        assertThat(Peer.join(alice.session().settings())).isEqualTo(DEFAULTS.withDisplayName("Alice ☺ 100%"));
        Awaitility.await().atMost(EventRecorder.TIMEOUT).until(
                () -> bob.session().contactList().contact(ALICE).map(Contact::friendlyName).orElse(""),
                "Alice ☺ 100%"::equals);
    }

    @Test
    void visibilityAndAskingRoundTrip() {
        AccountSettings strict = new AccountSettings("Alice Liddell", Visibility.ALLOWED_ONLY, false);
        long before = net.server.listVersion(ALICE);

        done(alice.session().changeSettings(strict));

        assertThat(account().privacy()).isEqualTo(PrivacyMode.BL);
        assertThat(account().prompt()).isEqualTo(ReversePrompt.N);
        assertThat(account().nick()).isEqualTo("Alice Liddell");
        assertThat(net.server.listVersion(ALICE)).isEqualTo(before + 2);
        assertThat(Peer.join(alice.session().settings())).isEqualTo(strict);

        done(alice.session().changeSettings(DEFAULTS));

        assertThat(account().privacy()).isEqualTo(PrivacyMode.AL);
        assertThat(account().prompt()).isEqualTo(ReversePrompt.A);
        assertThat(Peer.join(alice.session().settings())).isEqualTo(DEFAULTS);
    }

    @Test
    void unchangedSettingsSendNothing() {
        long before = net.server.listVersion(ALICE);

        done(alice.session().changeSettings(DEFAULTS));

        assertThat(net.server.listVersion(ALICE)).isEqualTo(before);
    }

    @Test
    void aNameTooLongForMsnFailsReadablyAndChangesNothing() {
        Throwable t = MsnLoginTest.unwrap(catchThrowable(() -> alice.session()
                .changeSettings(new AccountSettings("é".repeat(100), Visibility.ALLOWED_ONLY, true))
                .toCompletableFuture().get(10, TimeUnit.SECONDS)));

        assertThat(t).isInstanceOf(DeliveryFailure.class);
        assertThat(((DeliveryFailure) t).kind()).isEqualTo(DeliveryFailure.Kind.NOT_ACCEPTABLE);
        assertThat(((DeliveryFailure) t).userText()).startsWith("This name is too long for MSN: it takes 600 bytes, at most 387");
        assertThat(account().nick()).isEqualTo("Alice Liddell");
        assertThat(account().privacy()).isEqualTo(PrivacyMode.AL);
    }

    @Test
    void withoutAskingANewWatcherIsAllowedAndSeesTheUser() {
        // only those allowed see alice, so frank sees her online only once the bridge allowed him
        done(alice.session().changeSettings(new AccountSettings("Alice Liddell", Visibility.ALLOWED_ONLY, false)));
        Peer frank = net.peer("frank@hotmail.com");

        frank.addToList(ListType.FL, ALICE);

        Awaitility.await().atMost(EventRecorder.TIMEOUT).until(() -> net.server.listOf(ALICE, ListType.AL),
                l -> l.contains("frank@hotmail.com"));
        Awaitility.await().atMost(EventRecorder.TIMEOUT).until(
                () -> frank.session().contactList().contact(ALICE).map(Contact::status).orElse(MsnStatus.FLN),
                s -> s == MsnStatus.NLN);
        roundTrip();
        assertThat(alice.events().all(AuthorizationRequest.class)).extracting(AuthorizationRequest::from)
                .doesNotContain(FRANK);
    }

    @Test
    void withoutAskingUndecidedWatchersAreAllowedAtLogin() {
        done(alice.session().changeSettings(new AccountSettings("Alice Liddell", Visibility.EVERYONE_NOT_BLOCKED, false)));
        alice.session().logout();

        BridgedSession again = net.alice();

        Awaitility.await().atMost(EventRecorder.TIMEOUT).until(() -> net.server.listOf(ALICE, ListType.AL),
                l -> l.contains("dave@hotmail.com"));
        assertThat(again.events().all(AuthorizationRequest.class)).isEmpty();
    }

    @Test
    void askingAgainAsksAsBefore() {
        done(alice.session().changeSettings(new AccountSettings("Alice Liddell", Visibility.EVERYONE_NOT_BLOCKED, false)));
        done(alice.session().changeSettings(DEFAULTS));
        Peer frank = net.peer("frank@hotmail.com");

        frank.addToList(ListType.FL, ALICE);

        assertThat(alice.events().await(AuthorizationRequest.class, r -> r.from().equals(FRANK)).displayName())
                .isEqualTo("Frank");
        assertThat(net.server.listOf(ALICE, ListType.AL)).doesNotContain("frank@hotmail.com");
    }

    /** A round trip on alice's connection, answered after whatever the server sent her before. */
    private void roundTrip() {
        done(alice.session().setPresence(Presence.of(PresenceShow.AWAY)));
    }

    private Account account() {
        return net.server.accounts().find(ALICE);
    }

    private static void done(CompletionStage<Void> stage) {
        Peer.join(stage);
    }
}
