package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Updated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the network tells about a contact (name, shared phones from BPR), and contacts' new names. */
class MsnContactCardTest {

    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");

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
    void aContactsCardHasItsNameAndThePhonesItShared() {
        ContactCard card = Peer.join(alice.session().contactCard(BOB));

        assertThat(card.address()).isEqualTo(BOB);
        assertThat(card.displayName()).isEqualTo("Bob Smith");
        // MOB is a flag about MSN Mobile, not a number
        assertThat(card.phones()).isEqualTo(Map.of(
                ContactCard.PhoneKind.HOME, "555 0100", ContactCard.PhoneKind.MOBILE, "+1 555 0102"));
    }

    @Test
    void aContactWithoutPhonesHasAnEmptyCard() {
        ContactCard card = Peer.join(alice.session().contactCard(LegacyAddress.of("carol@hotmail.com")));

        assertThat(card.displayName()).isEqualTo("Carol ☺ 100%");
        assertThat(card.phones()).isEmpty();
    }

    @Test
    void someoneNotOnTheForwardListHasNoCard() {
        // dave has alice on his list (she is on his reverse list), but she does not have him on hers
        DeliveryFailure failure = fails(alice.session().contactCard(LegacyAddress.of("dave@hotmail.com")));

        assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.NOT_ACCEPTABLE);
        assertThat(failure.userText()).isEqualTo("dave@hotmail.com is not on your MSN contact list");
    }

    @Test
    void aContactsNewNameIsReportedAndOnTheCard() {
        Peer bob = net.peer("bob@hotmail.com");

        Peer.join(bob.session().setFriendlyName("Bobby Tables"));

        assertThat(alice.events().await(Updated.class, u -> u.contact().address().equals(BOB)).contact().displayName())
                .isEqualTo("Bobby Tables");
        assertThat(Peer.join(alice.session().contactCard(BOB)).displayName()).isEqualTo("Bobby Tables");
    }

    @Test
    void aNameChangedWhileOfflineArrivesWithTheContactsNextPresence() {
        Peer bob = net.loggedInPeer("bob@hotmail.com"); // FLN: alice's session hears nothing of the rename
        Peer.join(bob.session().setFriendlyName("Robert"));

        bob.status(MsnStatus.NLN);

        assertThat(alice.events().await(Updated.class, u -> u.contact().address().equals(BOB)).contact().displayName())
                .isEqualTo("Robert");
    }

    private static DeliveryFailure fails(CompletionStage<?> stage) {
        Throwable t = MsnLoginTest.unwrap(catchThrowable(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS)));
        assertThat(t).isInstanceOf(DeliveryFailure.class);
        return (DeliveryFailure) t;
    }
}
