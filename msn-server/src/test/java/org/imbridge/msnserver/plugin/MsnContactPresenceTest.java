package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.Updated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contacts' MSN states become presences by the design's table, end to end. */
class MsnContactPresenceTest {

    private BridgeNetwork net;

    @BeforeEach
    void start() throws Exception {
        net = BridgeNetwork.start();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void everyMsnStateOfAContactArrivesMapped() {
        BridgedSession alice = net.alice();
        Peer bob = net.peer("bob@hotmail.com");
        EventRecorder events = alice.events();

        events.awaitPresence("bob@hotmail.com", Presence.AVAILABLE);
        expect(bob, events, MsnStatus.AWY, new Presence(PresenceShow.AWAY, "Away"));
        expect(bob, events, MsnStatus.BRB, new Presence(PresenceShow.AWAY, "Be Right Back"));
        expect(bob, events, MsnStatus.IDL, new Presence(PresenceShow.AWAY, "Idle"));
        expect(bob, events, MsnStatus.LUN, new Presence(PresenceShow.XA, "Out to Lunch"));
        expect(bob, events, MsnStatus.BSY, new Presence(PresenceShow.DND, "Busy"));
        expect(bob, events, MsnStatus.PHN, new Presence(PresenceShow.DND, "On the Phone"));
        expect(bob, events, MsnStatus.HDN, Presence.UNAVAILABLE);
        expect(bob, events, MsnStatus.NLN, Presence.AVAILABLE);

        bob.logout();
        events.awaitCount(EventRecorder.PresenceOf.class, 10);
        assertThat(events.all(EventRecorder.PresenceOf.class)).last()
                .isEqualTo(new EventRecorder.PresenceOf(LegacyAddress.of("bob@hotmail.com"), Presence.UNAVAILABLE));
    }

    @Test
    void aContactsNewFriendlyNameUpdatesTheContact() {
        BridgedSession alice = net.alice();
        Peer bob = net.peer("bob@hotmail.com");
        alice.events().awaitPresence("bob@hotmail.com", Presence.AVAILABLE);

        Peer.join(bob.session().setFriendlyName("Bobby Tables 50%"));

        Updated updated = alice.events().await(Updated.class);
        assertThat(updated.contact()).isEqualTo(new Contact(LegacyAddress.of("bob@hotmail.com"), "Bobby Tables 50%",
                Set.of("Friends"), Presence.AVAILABLE));
    }

    private static void expect(Peer peer, EventRecorder events, MsnStatus status, Presence presence) {
        int before = events.all(EventRecorder.PresenceOf.class).size();
        peer.status(status);
        EventRecorder.PresenceOf next = events.awaitCount(EventRecorder.PresenceOf.class, before + 1).get(before);
        assertThat(next).isEqualTo(new EventRecorder.PresenceOf(LegacyAddress.of(peer.handle()), presence));
    }
}
