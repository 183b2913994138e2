package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.core.registration.Registration;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XEP-0030, XEP-0077 and XEP-0100 against real Prosody and our MSN network: a Smack user discovers the
 * transport, fetches the form, registers (wrong and right password), is asked to subscribe, registers
 * again with other credentials, and removes the registration.
 */
class RegistrationEndToEndTest {

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("romeo@hotmail.com", "right", "Romeo").withContacts("bob@hotmail.com"),
                AccountSpec.of("romeo2@hotmail.com", "second", "Romeo Two"),
                AccountSpec.of("bob@hotmail.com", "bobpw", "Bob").withContacts("romeo@hotmail.com")),
                List.of("romeo@localhost", "alice@localhost"));
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void discoveryShowsAnMsnGatewayThatSupportsRegistration() throws Exception {
        XMPPTCPConnection alice = bridge.login("alice", "pw");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice).discoverInfo(bridge.transportJid);
        assertThat(info.getIdentities()).anySatisfy(id -> {
            assertThat(id.getCategory()).isEqualTo("gateway");
            assertThat(id.getType()).isEqualTo("msn");
        });
        assertThat(info.containsFeature("jabber:iq:register")).isTrue();
        assertThat(info.containsFeature("jabber:iq:gateway")).isTrue();
    }

    @Test
    void theWholeRegistrationLifecycle() throws Exception {
        XMPPTCPConnection romeo = bridge.login("romeo", "pw");
        List<Presence> presences = new CopyOnWriteArrayList<>();
        romeo.addAsyncStanzaListener((StanzaListener) p -> presences.add((Presence) p), StanzaTypeFilter.PRESENCE);

        var form = (org.jivesoftware.smackx.iqregister.packet.Registration) romeo
                .createStanzaCollectorAndSend(registrationGet()).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
        DataForm data = DataForm.from(form);
        assertThat(data.getField("username")).isNotNull();
        assertThat(data.getField("password")).isNotNull();
        assertThat(form.getAttributes()).doesNotContainKey("registered");

        assertThatThrownBy(() -> bridge.register(romeo, "romeo@hotmail.com", "wrong"))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_authorized));
        assertThat(bridge.store.find("romeo@localhost", "msn")).isEmpty();
        assertThat(bridge.msn.isOnline("romeo@hotmail.com")).isFalse();

        assertThat(bridge.register(romeo, "romeo@hotmail.com", "right").getType()).isEqualTo(IQ.Type.result);
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(presences).anySatisfy(p -> {
            assertThat(p.getType()).isEqualTo(Presence.Type.subscribe);
            assertThat(p.getFrom().toString()).isEqualTo(bridge.transportJid.toString());
        }));
        assertThat(bridge.store.find("romeo@localhost", "msn")).get()
                .extracting(Registration::legacyAccount).isEqualTo("romeo@hotmail.com");
        await().atMost(BridgeHarness.TIMEOUT).until(() -> !bridge.msn.isOnline("romeo@hotmail.com"));
        // as a client does: approve the transport, and subscribe to it in turn (which it approves)
        romeo.sendStanza(presence(Presence.Type.subscribed));
        romeo.sendStanza(presence(Presence.Type.subscribe));
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(presences)
                .anySatisfy(p -> assertThat(p.getType()).isEqualTo(Presence.Type.subscribed)));

        var again = (org.jivesoftware.smackx.iqregister.packet.Registration) romeo
                .createStanzaCollectorAndSend(registrationGet()).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
        assertThat(again.getAttributes()).containsKey("registered").containsEntry("username", "romeo@hotmail.com");

        presences.clear();
        assertThat(bridge.register(romeo, "romeo2@hotmail.com", "second").getType()).isEqualTo(IQ.Type.result);
        assertThat(bridge.store.find("romeo@localhost", "msn")).get()
                .extracting(Registration::legacyAccount).isEqualTo("romeo2@hotmail.com");

        assertThat(bridge.unregister(romeo).getType()).isEqualTo(IQ.Type.result);
        await().atMost(BridgeHarness.TIMEOUT).untilAsserted(() -> assertThat(presences)
                .filteredOn(p -> p.getFrom().toString().equals(bridge.transportJid.toString()))
                .extracting(Presence::getType)
                .contains(Presence.Type.unsubscribe, Presence.Type.unsubscribed));
        assertThat(bridge.store.find("romeo@localhost", "msn")).isEmpty();
    }

    @Test
    void jidsOutsideTheAllowlistAreNotAllowed() throws Exception {
        XMPPTCPConnection mallory = bridge.login("mallory", "pw");
        assertThatThrownBy(() -> bridge.register(mallory, "bob@hotmail.com", "bobpw"))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed));
    }

    @Test
    void malformedAccountsAreNotAcceptable() throws Exception {
        XMPPTCPConnection alice = bridge.login("alice2", "pw");
        assertThatThrownBy(() -> bridge.register(alice, "no-at-sign", "x"))
                .isInstanceOf(XMPPException.XMPPErrorException.class);
    }

    private static Presence presence(Presence.Type type) {
        return org.jivesoftware.smack.packet.StanzaBuilder.buildPresence().ofType(type).to(bridge.transportJid).build();
    }

    private static IQ registrationGet() {
        var get = new org.jivesoftware.smackx.iqregister.packet.Registration(Map.of());
        get.setType(IQ.Type.get);
        get.setTo(bridge.transportJid);
        return get;
    }
}
