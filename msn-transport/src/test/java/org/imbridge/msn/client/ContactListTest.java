package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** List retrieval (SYN and the LST fallback) and list changes (docs/msnp.md §5, §16.3 (b), (c), (h)). */
class ContactListTest extends ClientTestSupport {

    @Test
    void synDumpOfTheReferenceBecomesTheContactList() throws Exception {
        try (FakeMsnServer notification = FakeMsnServer.start()) {
            CompletableFuture<NotificationSession> login = startLogin();
            FakePeer ns = seedLoginVia(notification);
            ns.expectLine("SYN 8 0");
            ns.send("SYN 8 12",
                    "GTC 8 12 A",
                    "BLP 8 12 AL",
                    "PRP 8 12 PHH 555%201234",
                    "LSG 8 12 1 2 0 Other%20Contacts 0",
                    "LSG 8 12 2 2 1 Friends 0",
                    "LST 8 FL 12 1 2 bob@hotmail.com Bob 1",
                    "BPR 12 bob@hotmail.com PHH 1%20(222)%203333",
                    "BPR 12 bob@hotmail.com PHW",
                    "BPR 12 bob@hotmail.com MOB N",
                    "LST 8 FL 12 2 2 carol@hotmail.com Carol 0,1",
                    "LST 8 AL 12 1 2 bob@hotmail.com Bob",
                    "LST 8 AL 12 2 2 carol@hotmail.com Carol",
                    "LST 8 BL 12 0 0",
                    "LST 8 RL 12 1 1 bob@hotmail.com Bob");

            ContactList list = await(login).contactList();
            assertThat(list.version()).isEqualTo(12);
            assertThat(list.reverseListPrompt()).isEqualTo(ReverseListPrompt.A);
            assertThat(list.privacyMode()).isEqualTo(PrivacyMode.AL);
            assertThat(list.ownPhones()).containsExactly(Map.entry("PHH", "555 1234"));
            assertThat(list.groups()).containsExactly(Map.entry(0, "Other Contacts"), Map.entry(1, "Friends"));
            assertThat(list.contacts()).extracting(Contact::handle).containsExactly("bob@hotmail.com", "carol@hotmail.com");

            Contact bob = list.contact("BOB@hotmail.com").orElseThrow();
            assertThat(bob.friendlyName()).isEqualTo("Bob");
            assertThat(bob.lists()).containsExactlyInAnyOrder(ListType.FL, ListType.AL, ListType.RL);
            assertThat(bob.groupIds()).containsExactly(1);
            assertThat(bob.phones()).containsOnly(Map.entry("PHH", "1 (222) 3333"), Map.entry("PHW", ""),
                    Map.entry("MOB", "N"));
            assertThat(bob.status()).isEqualTo(MsnStatus.FLN);

            Contact carol = list.contact("carol@hotmail.com").orElseThrow();
            assertThat(carol.lists()).containsExactlyInAnyOrder(ListType.FL, ListType.AL);
            assertThat(carol.groupIds()).containsExactly(0, 1);
            assertThat(list.list(ListType.BL)).isEmpty();
            assertThat(list.list(ListType.RL)).extracting(Contact::handle).containsExactly("bob@hotmail.com");

            assertThat(events.await(RecordingListener.ListReady.class).list().contacts()).hasSize(2);
        }
    }

    @Test
    void synWithTheCurrentVersionMeansNothingFollows() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        ns.send("SYN " + ns.expect("SYN").trId() + " 0");

        assertThat(await(login).contactList().contacts()).isEmpty();
    }

    @Test
    void listsInAnyOrderAreCompleteOnlyWhenNoListIsHalfDone() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        long t = ns.expect("SYN").trId();
        ns.send("SYN " + t + " 3", "LST " + t + " FL 3 1 2 bob@hotmail.com Bob 0",
                "LST " + t + " RL 3 1 1 bob@hotmail.com Bob");
        ns.expectNothingFor(java.time.Duration.ofMillis(100));
        assertThat(login).isNotDone();
        ns.send("LST " + t + " FL 3 2 2 carol@hotmail.com Carol 0");

        assertThat(await(login).contactList().list(ListType.FL)).hasSize(2);
    }

    @Test
    void serverRefusingSynIsAskedListByList() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        ns.send("502 " + ns.expectLine("SYN 5 0").trId());
        ns.expectLine("LST 6 FL");
        ns.send("LST 6 FL 3 1 1 erin@hotmail.com Caf%c3%a9%20%E2%98%BA 0");
        ns.expectLine("LST 7 AL");
        ns.send("LST 7 AL 3 0 0");
        ns.expectLine("LST 8 BL");
        ns.send("LST 8 BL 3 0 0");
        ns.expectLine("LST 9 RL");
        ns.send("LST 9 RL 3 1 1 erin@hotmail.com Erin");
        ns.expectLine("LSG 10");
        ns.send("LSG 10 3 1 1 0 Other%20Contacts 0");

        ContactList list = await(login).contactList();
        Contact erin = list.contact("erin@hotmail.com").orElseThrow();
        assertThat(erin.friendlyName()).isEqualTo("Café ☺");
        assertThat(erin.lists()).containsExactlyInAnyOrder(ListType.FL, ListType.RL);
        assertThat(erin.groupIds()).containsExactly(0);
        assertThat(list.groups()).containsExactly(Map.entry(0, "Other Contacts"));
        assertThat(list.version()).isEqualTo(3);
    }

    @Test
    void serverWithoutLsgStillCompletesTheFallback() throws Exception {
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        ns.send("200 " + ns.expect("SYN").trId());
        for (String list : List.of("FL", "AL", "BL", "RL")) {
            org.imbridge.msn.protocol.MsnpCommand lst = ns.expect("LST");
            assertThat(lst.param(1)).isEqualTo(list);
            ns.send("LST " + lst.trId() + " " + list + " 1 0 0");
        }
        ns.send("502 " + ns.expect("LSG").trId());

        assertThat(await(login).contactList().contacts()).isEmpty();
    }

    @Test
    void someoneAddingAndRemovingTheUserIsReported() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("ADD 0 RL 14 dave@hotmail.com Dave%20D");

        assertThat(events.await(RecordingListener.AddedBy.class))
                .isEqualTo(new RecordingListener.AddedBy("dave@hotmail.com", "Dave D"));
        ContactList changed = events.await(RecordingListener.ListChanged.class).list();
        assertThat(changed.version()).isEqualTo(14);
        assertThat(changed.contact("dave@hotmail.com").orElseThrow().lists()).containsExactly(ListType.RL);

        li.ns().send("REM 0 RL 15 dave@hotmail.com");
        assertThat(events.await(RecordingListener.RemovedBy.class).handle()).isEqualTo("dave@hotmail.com");
        assertThat(events.await(RecordingListener.ListChanged.class).list().contact("dave@hotmail.com")).isEmpty();
        assertThat(li.session().contactList().version()).isEqualTo(15);
    }

    @Test
    void addingAContactToAGroupUpdatesVersionListAndPresence() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<ContactList> added = li.session().addContact(ListType.FL, "erin@hotmail.com", "Erin E", 1);
        li.ns().expectLine("ADD 6 FL erin@hotmail.com Erin%20E 1");
        li.ns().send("ADD 6 FL 16 erin@hotmail.com Erin%20E 1", "ILN 6 BSY erin@hotmail.com Erin%20E");

        ContactList list = await(added);
        assertThat(list.version()).isEqualTo(16);
        Contact erin = list.contact("erin@hotmail.com").orElseThrow();
        assertThat(erin.lists()).containsExactly(ListType.FL);
        assertThat(erin.groupIds()).containsExactly(1);
        assertThat(erin.friendlyName()).isEqualTo("Erin E");
        assertThat(events.await(RecordingListener.Presence.class))
                .isEqualTo(new RecordingListener.Presence("erin@hotmail.com", MsnStatus.BSY, "Erin E"));
        assertThat(li.session().contactList().contact("erin@hotmail.com").orElseThrow().status()).isEqualTo(MsnStatus.BSY);
        assertThat(events.all(RecordingListener.ListChanged.class)).as("own changes are not server notices").isEmpty();
    }

    @Test
    void addingToTheAllowListWithoutGroup() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<ContactList> added = li.session().addContact(ListType.AL, "dave@hotmail.com", null, null);
        li.ns().expectLine("ADD 6 AL dave@hotmail.com dave@hotmail.com");
        li.ns().send("ADD 6 AL 15 dave@hotmail.com dave@hotmail.com");

        assertThat(await(added).contact("dave@hotmail.com").orElseThrow().lists()).containsExactly(ListType.AL);
    }

    @Test
    void removingFromOneGroupKeepsTheContactOnTheForwardList() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("ADD 0 FL 3 bob@hotmail.com Bob 0", "ADD 0 FL 4 bob@hotmail.com Bob 1");
        events.await(RecordingListener.ListChanged.class);
        events.await(RecordingListener.ListChanged.class);

        CompletionStage<ContactList> removed = li.session().removeContact(ListType.FL, "bob@hotmail.com", 0);
        li.ns().expectLine("REM 6 FL bob@hotmail.com 0");
        li.ns().send("REM 6 FL 5 bob@hotmail.com 0");
        Contact bob = await(removed).contact("bob@hotmail.com").orElseThrow();
        assertThat(bob.groupIds()).containsExactly(1);
        assertThat(bob.lists()).containsExactly(ListType.FL);

        CompletionStage<ContactList> gone = li.session().removeContact(ListType.FL, "bob@hotmail.com", null);
        li.ns().expectLine("REM 7 FL bob@hotmail.com");
        li.ns().send("REM 7 FL 6 bob@hotmail.com");
        assertThat(await(gone).contact("bob@hotmail.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 205, 210, 215, 219, 224})
    void refusedAddFailsWithTheServersCode(int code) throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<ContactList> added = li.session().addContact(ListType.FL, "x@hotmail.com", "x", null);
        li.ns().send(code + " " + li.ns().expect("ADD").trId());

        assertError(added, code);
        assertThat(li.session().isConnected()).isTrue();
    }

    @Test
    void refusedRemoveFailsWith216() throws Exception {
        LoggedIn li = loggedIn();
        CompletionStage<ContactList> removed = li.session().removeContact(ListType.AL, "nobody@hotmail.com", null);
        li.ns().send("216 " + li.ns().expectLine("REM 6 AL nobody@hotmail.com").trId());

        assertError(removed, 216);
    }

    @Test
    void groupChangesFromAnotherClientAreApplied() throws Exception {
        LoggedIn li = loggedIn();
        li.ns().send("ADG 0 20 Work%20Mates 2 0", "ADD 0 FL 21 bob@hotmail.com Bob 2");
        assertThat(events.await(RecordingListener.ListChanged.class).list().groups()).containsEntry(2, "Work Mates");
        events.await(RecordingListener.ListChanged.class);

        li.ns().send("REG 0 22 2 Colleagues 0");
        assertThat(events.await(RecordingListener.ListChanged.class).list().groups()).containsEntry(2, "Colleagues");

        li.ns().send("RMG 0 23 2");
        ContactList list = events.await(RecordingListener.ListChanged.class).list();
        assertThat(list.groups()).doesNotContainKey(2);
        assertThat(list.contact("bob@hotmail.com")).as("bob was only in the removed group").isEmpty();
        assertThat(list.version()).isEqualTo(23);
    }

    @Test
    void theReverseListCannotBeEditedAndHandlesAreChecked() throws Exception {
        LoggedIn li = loggedIn();
        assertThatThrownBy(() -> li.session().addContact(ListType.RL, "bob@hotmail.com", "Bob", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> li.session().addContact(ListType.AL, "bob@hotmail.com", "Bob", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> li.session().removeContact(ListType.FL, "a@b", null))
                .isInstanceOf(IllegalArgumentException.class);
        li.ns().expectNothingFor(java.time.Duration.ofMillis(50));
    }
}
