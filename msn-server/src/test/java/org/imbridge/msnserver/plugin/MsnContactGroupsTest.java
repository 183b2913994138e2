package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Updated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Moving a contact between MSN groups: ADG, ADD FL with a group, REM FL with a group (docs/msnp.md §5.5, §5.7). */
class MsnContactGroupsTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final LegacyAddress BOB = LegacyAddress.of("bob@hotmail.com");
    private static final LegacyAddress CAROL = LegacyAddress.of("carol@hotmail.com");

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
    void movingAContactToAnotherGroupJoinsItThenLeavesTheOld() {
        done(alice.session().setContactGroups(BOB, Set.of("Work Mates")));

        assertThat(groupNames("bob@hotmail.com")).containsExactly("Work Mates");
        assertThat(alice.events().await(Updated.class, u -> u.contact().address().equals(BOB)).contact().groups())
                .containsExactly("Work Mates");
        assertThat(net.server.listOf("bob@hotmail.com", ListType.RL)).contains(ALICE);
    }

    @Test
    void aGroupThatDoesNotExistIsCreated() {
        done(alice.session().setContactGroups(CAROL, Set.of("Family", "Friends")));

        assertThat(aliceAccount().groups().values()).contains("Family");
        assertThat(groupNames("carol@hotmail.com")).containsExactlyInAnyOrder("Family", "Friends");
        assertThat(alice.events().await(Updated.class, u -> u.contact().address().equals(CAROL)).contact().groups())
                .containsExactlyInAnyOrder("Family", "Friends");
    }

    @Test
    void leavingEveryGroupKeepsTheContactOnTheForwardListInGroupZero() {
        done(alice.session().setContactGroups(CAROL, Set.of()));

        assertThat(net.server.listOf(ALICE, ListType.FL)).contains("carol@hotmail.com");
        assertThat(aliceAccount().entry(ListType.FL, "carol@hotmail.com").groups()).containsExactly(0);
        assertThat(net.server.listOf("carol@hotmail.com", ListType.RL)).contains(ALICE);
        assertThat(alice.events().await(Updated.class, u -> u.contact().address().equals(CAROL)).contact().groups())
                .doesNotContain("Friends", "Work Mates");
    }

    @Test
    void theSameGroupsChangeNothing() {
        long before = net.server.listVersion(ALICE);

        done(alice.session().setContactGroups(BOB, Set.of("Friends")));

        assertThat(net.server.listVersion(ALICE)).isEqualTo(before);
        assertThat(alice.events().all(Updated.class)).isEmpty();
    }

    @Test
    void aContactNotOnTheListOrATooLongGroupNameFailsReadably() {
        DeliveryFailure stranger = fails(alice.session().setContactGroups(LegacyAddress.of("frank@hotmail.com"),
                Set.of("Friends")));
        DeliveryFailure tooLong = fails(alice.session().setContactGroups(BOB, Set.of("x".repeat(62))));

        assertThat(stranger.userText()).isEqualTo("frank@hotmail.com is not on your MSN contact list");
        assertThat(tooLong.kind()).isEqualTo(DeliveryFailure.Kind.NOT_ACCEPTABLE);
        assertThat(tooLong.userText()).contains("at most 61 bytes");
        assertThat(groupNames("bob@hotmail.com")).containsExactly("Friends");
        assertThat(aliceAccount().groups()).hasSize(3);
    }

    private Account aliceAccount() {
        return net.server.accounts().find(ALICE);
    }

    private List<String> groupNames(String contact) {
        Account a = aliceAccount();
        return a.entry(ListType.FL, contact).groups().stream().map(id -> a.groups().get(id)).toList();
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
