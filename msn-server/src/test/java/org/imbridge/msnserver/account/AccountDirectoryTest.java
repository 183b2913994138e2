package org.imbridge.msnserver.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnpError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The list rules and versions without a network (docs/msnp.md §5). */
class AccountDirectoryTest {

    private AccountDirectory directory;
    private Account alice;
    private Account bob;

    @BeforeEach
    void setUp() {
        directory = new AccountDirectory(2);
        directory.addAll(List.of(
                AccountSpec.of("alice@hotmail.com", "a", "Alice"),
                AccountSpec.of("bob@hotmail.com", "b", "Bob"),
                AccountSpec.of("carol@hotmail.com", "c", "Carol")));
        alice = directory.find("alice@hotmail.com");
        bob = directory.find("bob@hotmail.com");
    }

    private static MsnpError errorOf(ThrowingCall call) {
        try {
            call.run();
        } catch (ListOperationException e) {
            return e.error();
        }
        throw new AssertionError("no error");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ListOperationException;
    }

    @Test
    void forwardAddKeepsTheReverseListInStepAndBumpsBothVersions() throws Exception {
        AccountDirectory.ForwardAddition added = directory.addToForwardList(alice, bob, "Bobby", null);
        assertThat(added).isEqualTo(new AccountDirectory.ForwardAddition(2, true, 2));
        assertThat(alice.entry(ListType.FL, "bob@hotmail.com").groups()).containsExactly(0);
        assertThat(bob.list(ListType.RL)).containsExactly(ListEntry.of("alice@hotmail.com", "Alice"));
        assertThat(errorOf(() -> directory.addToForwardList(alice, bob, "Bob", null))).isEqualTo(MsnpError.ALREADY_THERE);
        assertThat(errorOf(() -> directory.addToForwardList(alice, bob, "Bob", 0))).isEqualTo(MsnpError.ALREADY_THERE);
        assertThat(errorOf(() -> directory.addToForwardList(alice, bob, "Bob", 4))).isEqualTo(MsnpError.INVALID_GROUP);

        AccountDirectory.ForwardRemoval removed = directory.removeFromForwardList(alice, "BOB@hotmail.com", null);
        assertThat(removed).isEqualTo(new AccountDirectory.ForwardRemoval(3, true, 3));
        assertThat(bob.list(ListType.RL)).isEmpty();
        assertThat(errorOf(() -> directory.removeFromForwardList(alice, "bob@hotmail.com", null)))
                .isEqualTo(MsnpError.NOT_ON_LIST);
    }

    @Test
    void forwardListLimit() throws Exception {
        directory.addToForwardList(alice, bob, "Bob", null);
        directory.addToForwardList(alice, directory.find("carol@hotmail.com"), "Carol", null);
        assertThat(errorOf(() -> directory.addToForwardList(alice, alice, "me", null))).isEqualTo(MsnpError.LIST_FULL);
    }

    @Test
    void allowAndBlockAreExclusive() throws Exception {
        assertThat(directory.addToList(alice, ListType.AL, bob, "Bob")).isEqualTo(2);
        assertThat(errorOf(() -> directory.addToList(alice, ListType.AL, bob, "Bob"))).isEqualTo(MsnpError.ALREADY_THERE);
        assertThat(errorOf(() -> directory.addToList(alice, ListType.BL, bob, "Bob")))
                .isEqualTo(MsnpError.ALREADY_IN_OPPOSITE_LIST);
        assertThat(directory.removeFromList(alice, ListType.AL, "bob@hotmail.com")).isEqualTo(3);
        assertThat(directory.addToList(alice, ListType.BL, bob, "Bob")).isEqualTo(4);
        assertThat(errorOf(() -> directory.removeFromList(alice, ListType.AL, "bob@hotmail.com")))
                .isEqualTo(MsnpError.NOT_ON_LIST);
        assertThat(alice.version()).isEqualTo(4);
        assertThatThrownBy(() -> directory.addToList(alice, ListType.RL, bob, "Bob"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsReport218WhenUnchanged() throws Exception {
        assertThat(errorOf(() -> directory.setPrivacy(alice, PrivacyMode.AL))).isEqualTo(MsnpError.ALREADY_IN_MODE);
        assertThat(directory.setPrivacy(alice, PrivacyMode.BL)).isEqualTo(2);
        assertThat(errorOf(() -> directory.setPrompt(alice, ReversePrompt.A))).isEqualTo(MsnpError.ALREADY_IN_MODE);
        assertThat(directory.setPrompt(alice, ReversePrompt.N)).isEqualTo(3);
    }

    @Test
    void groupMembershipAndRemoval() throws Exception {
        AccountDirectory.GroupAddition friends = directory.addGroup(alice, "Friends");
        assertThat(friends.id()).isEqualTo(1);
        directory.addToForwardList(alice, bob, "Bob", 1);
        assertThat(directory.addToForwardList(alice, bob, "Bob", 0).newContact()).isFalse();
        assertThat(alice.entry(ListType.FL, "bob@hotmail.com").groups()).containsExactly(0, 1);
        assertThat(errorOf(() -> directory.removeGroup(alice, 0))).isEqualTo(MsnpError.CANNOT_REMOVE_GROUP_ZERO);
        assertThat(errorOf(() -> directory.removeGroup(alice, 5))).isEqualTo(MsnpError.INVALID_GROUP);
        AccountDirectory.GroupRemoval removal = directory.removeGroup(alice, 1);
        assertThat(removal.droppedContacts()).isEmpty();
        assertThat(alice.entry(ListType.FL, "bob@hotmail.com").groups()).containsExactly(0);
        assertThat(directory.addGroup(alice, "Again").id()).isEqualTo(1);
        assertThat(errorOf(() -> directory.removeFromForwardList(alice, "bob@hotmail.com", 1)))
                .isEqualTo(MsnpError.NOT_IN_GROUP);
    }

    @Test
    void thirtyGroupsAtMost() throws Exception {
        for (int i = 1; i < AccountDirectory.MAX_GROUPS; i++) {
            assertThat(directory.addGroup(alice, "g" + i).id()).isEqualTo(i);
        }
        assertThat(errorOf(() -> directory.addGroup(alice, "one too many"))).isEqualTo(MsnpError.TOO_MANY_GROUPS);
        directory.removeGroup(alice, 7);
        assertThat(directory.addGroup(alice, "reused").id()).isEqualTo(7);
    }

    @Test
    void renames() throws Exception {
        directory.addToForwardList(alice, bob, "Bob", null);
        directory.renameContact(alice, "bob@hotmail.com", "Bobby");
        assertThat(alice.entry(ListType.FL, "bob@hotmail.com").friendly()).isEqualTo("Bobby");
        assertThat(errorOf(() -> directory.renameContact(alice, "carol@hotmail.com", "C"))).isEqualTo(MsnpError.NOT_ON_LIST);
        directory.renameSelf(alice, "Alice 2");
        assertThat(alice.nick()).isEqualTo("Alice 2");
    }

    @Test
    void runtimeAccountsMayReferToExistingOnes() {
        Account erin = directory.add(AccountSpec.of("erin@hotmail.com", "e", "Erin").withContacts("bob@hotmail.com"));
        assertThat(erin.isOnList(ListType.FL, "bob@hotmail.com")).isTrue();
        assertThat(bob.isOnList(ListType.RL, "erin@hotmail.com")).isTrue();
        assertThat(bob.version()).isEqualTo(2);
    }

    @Test
    void loginResponseIsCheckedIgnoringCase() {
        Account a = directory.add(AccountSpec.of("ref@hotmail.com", "abcdefg1234567", "Ref"));
        assertThat(a.acceptsLoginResponse("1056561624.17795", "483eee01d6a1de1b668cac9a0ac75d91")).isTrue();
        assertThat(a.acceptsLoginResponse("1056561624.17795", "483EEE01D6A1DE1B668CAC9A0AC75D91")).isTrue();
        assertThat(a.acceptsLoginResponse("1056561624.17795", "ae931a41daebc7703b84beba4183bc2f")).isFalse();
    }
}
