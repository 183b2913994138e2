package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.AuthorizationRequest;
import org.imbridge.msnserver.plugin.EventRecorder.Removed;
import org.imbridge.msnserver.plugin.EventRecorder.Updated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adding, removing, allowing and blocking contacts, and being added (design "Contact lists"). */
class MsnListEditTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final LegacyAddress FRANK = LegacyAddress.of("frank@hotmail.com");
    private static final LegacyAddress DAVE = LegacyAddress.of("dave@hotmail.com");

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
    void addingAContactPutsItOnTheForwardAndAllowListsAndReportsIt() {
        done(alice.session().addContact(FRANK, "Frankie", "Work Mates"));

        assertThat(net.server.listOf(ALICE, ListType.FL)).contains("frank@hotmail.com");
        assertThat(net.server.listOf(ALICE, ListType.AL)).contains("frank@hotmail.com");
        assertThat(alice.events().await(Updated.class).contact())
                .isEqualTo(new Contact(FRANK, "Frankie", Set.of("Work Mates"), Presence.UNAVAILABLE));
        assertThat(net.server.listOf("frank@hotmail.com", ListType.RL)).contains(ALICE);
    }

    @Test
    void addingAContactAlreadyThereSucceeds() {
        long before = net.server.listVersion(ALICE);

        done(alice.session().addContact(LegacyAddress.of("bob@hotmail.com"), "Bob Smith", null));

        assertThat(net.server.listVersion(ALICE)).isEqualTo(before);
        assertThat(alice.events().all(Updated.class)).isEmpty();
    }

    @Test
    void addingSomethingThatIsNoAccountFailsReadably() {
        DeliveryFailure unknown = fails(alice.session().addContact(LegacyAddress.of("ghost@hotmail.com"), null, null));
        DeliveryFailure malformed = fails(alice.session().addContact(LegacyAddress.of("not-an-account"), null, null));

        assertThat(unknown.userText()).isEqualTo("ghost@hotmail.com is not an MSN account");
        assertThat(malformed.kind()).isEqualTo(DeliveryFailure.Kind.NOT_ACCEPTABLE);
        assertThat(net.server.listOf(ALICE, ListType.FL)).doesNotContain("ghost@hotmail.com");
    }

    @Test
    void removingAContactTakesItOffTheForwardListAndReportsIt() {
        done(alice.session().removeContact(LegacyAddress.of("erin@hotmail.com")));

        assertThat(net.server.listOf(ALICE, ListType.FL)).doesNotContain("erin@hotmail.com");
        assertThat(alice.events().await(Removed.class).contact()).isEqualTo(LegacyAddress.of("erin@hotmail.com"));
        done(alice.session().removeContact(LegacyAddress.of("erin@hotmail.com")));
    }

    @Test
    void authorizingMovesBetweenAllowAndBlockLists() {
        done(alice.session().authorize(DAVE, true));
        assertThat(net.server.listOf(ALICE, ListType.AL)).contains("dave@hotmail.com");
        assertThat(net.server.listOf(ALICE, ListType.BL)).doesNotContain("dave@hotmail.com");

        done(alice.session().authorize(DAVE, false));
        assertThat(net.server.listOf(ALICE, ListType.AL)).doesNotContain("dave@hotmail.com");
        assertThat(net.server.listOf(ALICE, ListType.BL)).contains("dave@hotmail.com");

        done(alice.session().authorize(DAVE, false));
        done(alice.session().authorize(DAVE, true));
        assertThat(net.server.listOf(ALICE, ListType.AL)).contains("dave@hotmail.com");
        assertThat(net.server.listOf(ALICE, ListType.BL)).doesNotContain("dave@hotmail.com");
    }

    @Test
    void aDecisionIsNotAskedForAgainAtTheNextLogin() {
        assertThat(alice.events().all(AuthorizationRequest.class)).extracting(AuthorizationRequest::from).containsExactly(DAVE);
        done(alice.session().authorize(DAVE, false));
        alice.session().logout();

        BridgedSession again = net.alice();

        assertThat(again.events().all(AuthorizationRequest.class)).isEmpty();
    }

    @Test
    void someoneAddingTheUserAsksForAuthorization() {
        Peer frank = net.loggedInPeer("frank@hotmail.com");

        frank.addToList(ListType.FL, ALICE);

        assertThat(alice.events().await(AuthorizationRequest.class, r -> r.from().equals(FRANK)).displayName())
                .isEqualTo("Frank");
        assertThat(alice.events().all(Updated.class)).isEmpty();
    }

    @Test
    void someoneAddingTheUserWhoIsAlreadyAllowedIsNotAsked() {
        done(alice.session().authorize(FRANK, true));
        Peer frank = net.loggedInPeer("frank@hotmail.com");

        frank.addToList(ListType.FL, ALICE);
        // a round trip on alice's connection, answered after the ADD RL the server sent her
        done(alice.session().setPresence(Presence.of(org.imbridge.core.model.PresenceShow.AWAY)));

        assertThat(net.server.listOf(ALICE, ListType.RL)).contains("frank@hotmail.com");
        assertThat(alice.events().all(AuthorizationRequest.class)).extracting(AuthorizationRequest::from).doesNotContain(FRANK);
    }

    private static void done(CompletionStage<Void> stage) {
        Peer.join(stage);
    }

    private static DeliveryFailure fails(CompletionStage<Void> stage) {
        Throwable t = MsnLoginTest.unwrap(catchThrowable(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS)));
        assertThat(t).isInstanceOf(DeliveryFailure.class);
        return (DeliveryFailure) t;
    }
}
