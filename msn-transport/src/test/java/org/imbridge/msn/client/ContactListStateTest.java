package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.junit.jupiter.api.Test;

/** List bookkeeping rules of docs/msnp.md §5.5–§5.7, without a network. */
class ContactListStateTest {

    private final ContactListState state = new ContactListState();

    @Test
    void presenceBeforeTheListIsKeptForLater() {
        assertThat(state.presence("bob@hotmail.com", MsnStatus.AWY, "Bob")).isEqualTo("Bob");
        state.listed(ListType.FL, 3, "bob@hotmail.com", "Bob", List.of(0));

        assertThat(state.snapshot().contact("bob@hotmail.com").orElseThrow().status()).isEqualTo(MsnStatus.AWY);
    }

    @Test
    void offlineReportsTheLastKnownName() {
        state.listed(ListType.FL, 3, "bob@hotmail.com", "Bob", List.of(0));
        state.presence("bob@hotmail.com", MsnStatus.NLN, "Bobby");

        assertThat(state.presence("BOB@hotmail.com", MsnStatus.FLN, null)).isEqualTo("Bobby");
        assertThat(state.presence("stranger@hotmail.com", MsnStatus.FLN, null)).isEqualTo("stranger@hotmail.com");
    }

    @Test
    void forwardAddWithoutGroupLandsInGroupZeroInMsnp7() {
        state.added(ListType.FL, 4, "erin@hotmail.com", "Erin", null, 0);
        state.added(ListType.FL, 5, "dave@hotmail.com", "Dave", null, null);

        assertThat(state.snapshot().contact("erin@hotmail.com").orElseThrow().groupIds()).containsExactly(0);
        assertThat(state.snapshot().contact("dave@hotmail.com").orElseThrow().groupIds()).isEmpty();
    }

    @Test
    void removingFromEveryListForgetsTheContact() {
        state.added(ListType.AL, 4, "erin@hotmail.com", "Erin", null, 0);
        state.added(ListType.RL, 5, "erin@hotmail.com", "Erin", null, 0);
        state.removed(ListType.AL, 6, "erin@hotmail.com", null);
        assertThat(state.snapshot().contact("erin@hotmail.com").orElseThrow().lists()).containsExactly(ListType.RL);

        state.removed(ListType.RL, 7, "erin@hotmail.com", null);
        assertThat(state.snapshot().contacts()).isEmpty();
        assertThat(state.snapshot().version()).isEqualTo(7);
    }

    @Test
    void removingAGroupDropsContactsOnlyInIt() {
        state.group(1, 1, "Friends");
        state.group(2, 2, "Work");
        state.listed(ListType.FL, 3, "bob@hotmail.com", "Bob", List.of(1));
        state.listed(ListType.FL, 3, "carol@hotmail.com", "Carol", List.of(1, 2));
        state.listed(ListType.AL, 3, "bob@hotmail.com", "Bob", List.of());

        state.groupRemoved(4, 1);

        ContactList list = state.snapshot();
        assertThat(list.groups()).containsOnlyKeys(2);
        assertThat(list.contact("bob@hotmail.com").orElseThrow().lists()).containsExactly(ListType.AL);
        assertThat(list.contact("carol@hotmail.com").orElseThrow().groupIds()).containsExactly(2);
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        state.listed(ListType.FL, 3, "bob@hotmail.com", "Bob", List.of(0));
        ContactList before = state.snapshot();
        state.removed(ListType.FL, 4, "bob@hotmail.com", null);

        assertThat(before.contacts()).hasSize(1);
        assertThat(before.version()).isEqualTo(3);
    }
}
