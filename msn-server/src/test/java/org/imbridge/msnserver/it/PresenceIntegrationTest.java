package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;

import java.io.IOException;

import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.imbridge.msnserver.it.NotificationEvents.AddedBy;
import org.imbridge.msnserver.it.NotificationEvents.Email;
import org.imbridge.msnserver.it.NotificationEvents.Presence;
import org.imbridge.msnserver.it.NotificationEvents.RemovedBy;
import org.imbridge.msnserver.it.NotificationEvents.SystemNotice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence, names, list changes and server pushes travel from one real client to another. */
class PresenceIntegrationTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";
    private static final String DAVE = "dave@hotmail.com";

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
    void bobsStatusChangesReachAliceWithTheRightStatus() {
        User bob = net.online(BOB);
        User alice = net.online(ALICE);
        assertThat(alice.events().nextPresenceOf(BOB)).as("initial presence (ILN)")
                .isEqualTo(new Presence(BOB, MsnStatus.NLN, "Боб Иванов"));

        await(bob.session().changeStatus(MsnStatus.BSY));
        assertThat(alice.events().nextPresenceOf(BOB)).isEqualTo(new Presence(BOB, MsnStatus.BSY, "Боб Иванов"));
        assertThat(alice.session().contactList().contact(BOB).orElseThrow().status()).isEqualTo(MsnStatus.BSY);

        await(bob.session().changeStatus(MsnStatus.HDN));
        assertThat(alice.events().nextPresenceOf(BOB)).as("hidden looks offline")
                .isEqualTo(new Presence(BOB, MsnStatus.FLN, "Боб Иванов"));
        assertThat(net.server.statusOf(BOB)).isEqualTo(MsnStatus.HDN);
        assertThat(net.server.isOnline(BOB)).isTrue();

        await(bob.session().changeStatus(MsnStatus.AWY));
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.AWY);

        await(bob.session().logout());
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.FLN);
        assertThat(alice.session().contactList().contact(BOB).orElseThrow().status()).isEqualTo(MsnStatus.FLN);
        eventually().until(() -> !net.server.isOnline(BOB));
        assertThat(bob.session().isConnected()).isFalse();
        assertThat(alice.events().all(Presence.class)).as("nothing else about bob").isEmpty();
    }

    @Test
    void everyStatusAUserCanChooseIsSeenAsItIs() {
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(MsnStatus.NLN);

        for (MsnStatus status : new MsnStatus[] {MsnStatus.BRB, MsnStatus.IDL, MsnStatus.PHN, MsnStatus.LUN,
                MsnStatus.NLN}) {
            await(bob.session().changeStatus(status));
            assertThat(alice.events().nextPresenceOf(BOB).status()).isEqualTo(status);
            assertThat(bob.session().status()).isEqualTo(status);
        }
    }

    @Test
    void aFriendlyNameChangeReachesTheOtherSide() {
        User alice = net.online(ALICE);
        User bob = net.online(BOB);
        alice.events().nextPresenceOf(BOB);
        String renamed = "Bob «北京» 100% ☕ — Ça va?";

        await(bob.session().setFriendlyName(renamed));

        assertThat(bob.session().friendlyName()).isEqualTo(renamed);
        assertThat(net.server.accounts().find(BOB).nick()).isEqualTo(renamed);
        assertThat(alice.events().nextPresenceOf(BOB)).isEqualTo(new Presence(BOB, MsnStatus.NLN, renamed));
        assertThat(alice.session().contactList().contact(BOB).orElseThrow().friendlyName()).isEqualTo(renamed);
    }

    @Test
    void addingDaveToTheForwardListPutsAliceOnDavesReverseList() {
        User dave = net.online(DAVE);
        User alice = net.online(ALICE);

        ContactList after = await(alice.session().addContact(ListType.FL, DAVE, "Dave from work", 1));

        assertThat(after.contact(DAVE).orElseThrow().isOn(ListType.FL)).isTrue();
        assertThat(after.contact(DAVE).orElseThrow().groupIds()).containsExactly(1);
        assertThat(net.server.listOf(ALICE, ListType.FL)).contains(DAVE);
        assertThat(net.server.listOf(DAVE, ListType.RL)).containsExactly(ALICE);
        assertThat(dave.events().next(AddedBy.class)).isEqualTo(new AddedBy(ALICE, "Alice Müller"));
        eventually().untilAsserted(() -> assertThat(dave.session().contactList().contact(ALICE))
                .hasValueSatisfying(c -> assertThat(c.isOn(ListType.RL)).isTrue()));
        assertThat(dave.session().contactList().version()).isEqualTo(net.server.listVersion(DAVE));
        assertThat(alice.events().nextPresenceOf(DAVE)).as("an online contact's presence follows the ADD")
                .isEqualTo(new Presence(DAVE, MsnStatus.NLN, "Dave"));

        await(dave.session().addContact(ListType.AL, ALICE, "Alice Müller", null));
        assertThat(net.server.listOf(DAVE, ListType.AL)).containsExactly(ALICE);
    }

    @Test
    void removingBobFromTheForwardListIsReportedToHim() {
        User alice = net.online(ALICE);
        User bob = net.online(BOB);

        ContactList after = await(alice.session().removeContact(ListType.FL, BOB, null));

        assertThat(after.contact(BOB).orElseThrow().isOn(ListType.FL)).isFalse();
        assertThat(net.server.listOf(ALICE, ListType.FL)).doesNotContain(BOB);
        assertThat(net.server.listOf(BOB, ListType.RL)).doesNotContain(ALICE);
        assertThat(bob.events().next(RemovedBy.class)).isEqualTo(new RemovedBy(ALICE));
        eventually().untilAsserted(() -> assertThat(bob.session().contactList().contact(ALICE).orElseThrow()
                .isOn(ListType.RL)).isFalse());
    }

    @Test
    void emailAndSystemNoticesReachTheListener() {
        User alice = net.online(ALICE);
        alice.events().next(Email.class);

        assertThat(net.server.sendEmailNotification(ALICE, "Zoë Ångström", "zoe@example.com", "Grüße aus Köln"))
                .isTrue();
        assertThat(net.server.sendSystemMessage(ALICE, 5)).isTrue();

        EmailNotification mail = alice.events().next(Email.class).notification();
        assertThat(mail).isInstanceOfSatisfying(EmailNotification.NewMail.class, m -> {
            assertThat(m.from()).isEqualTo("Zoë Ångström");
            assertThat(m.fromAddress()).isEqualTo("zoe@example.com");
            assertThat(m.subject()).isEqualTo("Grüße aus Köln");
            assertThat(m.folder()).isEqualTo("ACTIVE");
        });
        assertThat(alice.events().next(SystemNotice.class).message().minutesUntilMaintenance()).isEqualTo(5);
        assertThat(net.server.sendEmailNotification(DAVE, "x@example.com", "to nobody")).isFalse();
    }
}
