package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionStage;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.BlockChanged;
import org.imbridge.msnserver.plugin.EventRecorder.PresenceOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The block list: BL as the session's block list, block and unblock, changes from the server's side. */
class MsnBlockingTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");
    private static final LegacyAddress FRANK = LegacyAddress.of("frank@hotmail.com");

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
    void blockingMovesFromAllowToBlockListAndUnblockingBack() {
        assertThat(net.server.listOf(ALICE, ListType.AL)).contains("bob@hotmail.com");

        done(alice.session().block(BOB));

        assertThat(net.server.listOf(ALICE, ListType.BL)).containsExactly("bob@hotmail.com");
        assertThat(net.server.listOf(ALICE, ListType.AL)).doesNotContain("bob@hotmail.com");
        assertThat(Peer.join(alice.session().blockList())).containsExactly(BOB);
        assertThat(alice.events().await(BlockChanged.class)).isEqualTo(new BlockChanged(BOB, true));

        done(alice.session().unblock(BOB));

        assertThat(net.server.listOf(ALICE, ListType.BL)).isEmpty();
        assertThat(net.server.listOf(ALICE, ListType.AL)).contains("bob@hotmail.com");
        assertThat(Peer.join(alice.session().blockList())).isEmpty();
        assertThat(alice.events().awaitCount(BlockChanged.class, 2)).containsExactly(
                new BlockChanged(BOB, true), new BlockChanged(BOB, false));
    }

    @Test
    void blockingIsIdempotentAndWorksForSomeoneNotOnTheList() {
        done(alice.session().block(FRANK));
        done(alice.session().block(FRANK));
        done(alice.session().unblock(LegacyAddress.of("erin@hotmail.com")));

        assertThat(net.server.listOf(ALICE, ListType.BL)).containsExactly("frank@hotmail.com");
        assertThat(net.server.listOf(ALICE, ListType.FL)).doesNotContain("frank@hotmail.com");
        assertThat(alice.events().all(BlockChanged.class)).containsExactly(new BlockChanged(FRANK, true));
    }

    @Test
    void aBlockedContactNoLongerSeesTheUser() {
        BridgedSession bob = net.session("bob@hotmail.com");
        Peer.join(bob.session().login(Presence.AVAILABLE));
        bob.events().awaitPresence(ALICE, Presence.AVAILABLE);

        done(alice.session().block(BOB));
        bob.events().awaitPresence(ALICE, Presence.UNAVAILABLE);

        int before = bob.events().all(PresenceOf.class).size();
        done(alice.session().unblock(BOB));
        assertThat(bob.events().awaitCount(PresenceOf.class, before + 1).get(before))
                .isEqualTo(new PresenceOf(LegacyAddress.of(ALICE), Presence.AVAILABLE));
    }

    @Test
    void changesMadeOnTheServersSideAreReported() {
        assertThat(net.server.setBlocked(ALICE, "bob@hotmail.com", true)).isTrue();

        assertThat(alice.events().await(BlockChanged.class)).isEqualTo(new BlockChanged(BOB, true));
        assertThat(Peer.join(alice.session().blockList())).containsExactly(BOB);

        net.server.setBlocked(ALICE, "bob@hotmail.com", false);

        assertThat(alice.events().awaitCount(BlockChanged.class, 2)).containsExactly(
                new BlockChanged(BOB, true), new BlockChanged(BOB, false));
        assertThat(net.server.listOf(ALICE, ListType.AL)).contains("bob@hotmail.com");
    }

    @Test
    void theBlockListOfTheLoginIsNotReportedAsChanges() {
        net.server.setBlocked(ALICE, "frank@hotmail.com", true);
        alice.events().await(BlockChanged.class);
        alice.session().logout();

        BridgedSession again = net.alice();

        assertThat(Peer.join(again.session().blockList())).containsExactly(FRANK);
        assertThat(again.events().all(BlockChanged.class)).isEmpty();
    }

    private static void done(CompletionStage<Void> stage) {
        Peer.join(stage);
    }
}
