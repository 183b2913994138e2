package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;
import static org.imbridge.msnserver.it.LiveNetwork.failureOf;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.imbridge.msn.client.Contact;
import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.MsnProtocolViolationException;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.ListEntry;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client logs in to the real server through the dispatch server and gets its lists. */
class LoginIntegrationTest {

    private LiveNetwork net;

    @BeforeEach
    void start() throws IOException {
        net = LiveNetwork.start();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void logsInThroughTheDispatchReferralWithMsnp7AndIsOnlineAfterChg() {
        User alice = net.login("alice@hotmail.com");
        NotificationSession s = alice.session();

        assertThat(s.protocolVersion()).isEqualTo(7);
        assertThat(s.ownHandle()).isEqualTo("alice@hotmail.com");
        assertThat(s.friendlyName()).isEqualTo("Alice Müller");
        assertThat(s.isConnected()).isTrue();
        assertThat(s.profile().field("preferredEmail")).isEqualTo("alice@hotmail.com");
        assertThat(s.profile().mspAuth()).isNotBlank();
        assertThat(alice.events().next(NotificationEvents.Email.class).notification())
                .isEqualTo(new EmailNotification.Initial(3, 1));
        eventually().untilAsserted(() -> assertThat(net.client.connectionCount())
                .as("the dispatch connection is gone, the notification connection stays").isEqualTo(1));
        assertThat(net.server.isOnline("alice@hotmail.com")).isTrue();
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.FLN);
        assertThat(s.status()).isEqualTo(MsnStatus.FLN);

        await(s.changeStatus(MsnStatus.NLN));

        assertThat(s.status()).isEqualTo(MsnStatus.NLN);
        assertThat(net.server.statusOf("alice@hotmail.com")).isEqualTo(MsnStatus.NLN);
    }

    @Test
    void theDispatchServerOnlyRefers() {
        MsnClient noReferrals = net.newClient(LiveNetwork.clientConfig().maxNsRedirects(0).build());

        Throwable failure = failureOf(noReferrals.login("alice@hotmail.com", net.passwordOf("alice@hotmail.com"),
                net.dispatch(), new NotificationEvents()));

        assertThat(failure).isInstanceOf(MsnProtocolViolationException.class).hasMessageContaining("referral");
        assertThat(net.server.isOnline("alice@hotmail.com")).isFalse();
    }

    @Test
    void loggingInAtTheNotificationServerDirectlyAlsoWorks() {
        NotificationSession s = await(net.client.login("bob@hotmail.com", net.passwordOf("bob@hotmail.com"),
                net.server.notificationAddress(), new NotificationEvents()));

        assertThat(s.protocolVersion()).isEqualTo(7);
        assertThat(net.server.isOnline("bob@hotmail.com")).isTrue();
    }

    @Test
    void theListsAsTheClientSeesThemEqualTheServers() {
        User alice = net.login("alice@hotmail.com");
        ContactList seen = alice.session().contactList();
        Account stored = net.server.accounts().find("alice@hotmail.com");

        assertThat(seen.version()).isEqualTo(stored.version());
        assertThat(seen.groups()).isEqualTo(new TreeMap<>(Map.of(0, "Other Contacts", 1, "Friends",
                2, "Collègues & Co", 3, "Семья")));
        assertThat(seen.groups()).isEqualTo(stored.groups());
        for (ListType list : ListType.values()) {
            assertThat(entries(seen.list(list), list)).as(list + " handles, names and groups")
                    .isEqualTo(stored.list(list).stream().map(e -> entry(e, stored)).toList());
        }
        assertThat(seen.contact("carol@hotmail.com").orElseThrow())
                .extracting(Contact::friendlyName, Contact::groupIds, Contact::status)
                .containsExactly("Carol 100% ☺", List.of(2), MsnStatus.FLN);
        assertThat(seen.contact("bob@hotmail.com").orElseThrow().friendlyName()).isEqualTo("Боб Иванов");
        assertThat(seen.list(ListType.RL)).extracting(Contact::handle)
                .containsExactlyInAnyOrder("bob@hotmail.com", "carol@hotmail.com", "erin@hotmail.com");
        assertThat(seen.ownPhones()).as("PRP").isEqualTo(stored.phones())
                .containsEntry("PHH", "+49 (30) 123 456");
        assertThat(seen.contact("bob@hotmail.com").orElseThrow().phones()).as("BPR")
                .isEqualTo(net.server.accounts().find("bob@hotmail.com").phones())
                .containsEntry("PHW", "1 (222) 3333 ext. 5%");
        assertThat(seen.privacyMode().name()).isEqualTo(stored.privacy().name());
        assertThat(seen.reverseListPrompt().name()).isEqualTo(stored.prompt().name());
        assertThat(alice.events().next(NotificationEvents.ListReady.class).list().contacts())
                .isEqualTo(seen.contacts());
    }

    @Test
    void aSecondLoginWithAnUpToDateListStillSeesEveryContact() {
        User first = net.login("carol@hotmail.com");
        await(first.session().logout());
        eventually().until(() -> !net.server.isOnline("carol@hotmail.com"));

        User again = net.login("carol@hotmail.com");

        assertThat(again.session().contactList().list(ListType.FL)).extracting(Contact::handle)
                .containsExactly("alice@hotmail.com", "bob@hotmail.com");
        assertThat(again.session().friendlyName()).isEqualTo("キャロル 🌸");
    }

    @Test
    void aWrongPasswordFailsWith911AndNobodyIsOnline() {
        Throwable failure = failureOf(net.client.login("alice@hotmail.com", "not-her-password", net.dispatch(),
                new NotificationEvents()));

        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(911);
        for (Account a : net.server.accounts().all()) {
            assertThat(net.server.isOnline(a.handle())).as(a.handle()).isFalse();
        }
        eventually().untilAsserted(() -> assertThat(net.client.connectionCount()).isZero());
    }

    @Test
    void anUnknownAccountFailsWith911Too() {
        Throwable failure = failureOf(net.client.login("nobody@hotmail.com", "whatever", net.dispatch(),
                new NotificationEvents()));

        assertThat(failure).isInstanceOf(MsnErrorException.class);
        assertThat(((MsnErrorException) failure).code()).isEqualTo(911);
    }

    private record Entry(String handle, String friendlyName, List<Integer> groups) {
    }

    /** A contact's group ids belong to its FL entry; entries of other lists carry none. */
    private static List<Entry> entries(List<Contact> contacts, ListType list) {
        return contacts.stream()
                .map(c -> new Entry(c.handle(), c.friendlyName(), list == ListType.FL ? c.groupIds() : List.of()))
                .collect(Collectors.toList());
    }

    /**
     * What the client shows for a server entry: it keeps one name per contact, the one stored on the
     * forward list when the contact is there (on RL the server sends the contact's own name).
     */
    private static Entry entry(ListEntry e, Account owner) {
        ListEntry forward = owner.entry(ListType.FL, e.handle());
        return new Entry(e.handle(), forward != null ? forward.friendly() : e.friendly(), e.groups());
    }
}
