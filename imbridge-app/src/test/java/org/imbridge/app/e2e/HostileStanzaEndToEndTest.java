package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.xmpp.stream.ComponentState;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * Stanzas that once stopped the transport for everyone, sent by a Jabber user through Prosody: each
 * must cost only itself (an error back to its sender) while the component stream stays up.
 */
class HostileStanzaEndToEndTest {

    /** Low enough that Prosody (256 KiB for clients) lets an oversized stanza through to the transport. */
    private static final int MAX_STANZA_BYTES = 32 * 1024;
    private static final int LEVELS = 10_000;

    private static BridgeHarness bridge;
    private static String streamId;

    @BeforeAll
    static void start() throws Exception {
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo One").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob One").withContacts("r1@hotmail.com"),
                AccountSpec.of("r2@hotmail.com", "pw", "Romeo Two").withContacts("b2@hotmail.com"),
                AccountSpec.of("b2@hotmail.com", "pw", "Bob Two").withContacts("r2@hotmail.com")),
                List.of("*@localhost"), component -> component.maxStanzaBytes(MAX_STANZA_BYTES));
        streamId = onlineStreamId();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void tenThousandNestedLevelsFromAUserOrAStrangerAreBouncedAndChatsAndPingsGoOn() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");

            romeo.send(StanzaBuilder.buildMessage("deep-message").ofType(Message.Type.chat).to(bobJid)
                    .setBody("deep").addExtension(new RawNested(LEVELS)).build());
            romeo.send(StanzaBuilder.buildPresence("deep-presence").to(bridge.transportJid)
                    .addExtension(new RawNested(LEVELS)).build());

            await().atMost(BridgeHarness.TIMEOUT).until(() -> hasError(romeo.messages, "deep-message",
                    StanzaError.Condition.not_acceptable));
            await().atMost(BridgeHarness.TIMEOUT).until(() -> hasError(romeo.presences, "deep-presence",
                    StanzaError.Condition.not_acceptable));

            romeo.send(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(bobJid).setBody("still here?").build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("still here?"));
            bob.say("r1@hotmail.com", "yes");
            await().atMost(BridgeHarness.TIMEOUT).until(() -> romeo.chatFrom(bobJid).stream()
                    .anyMatch(m -> "yes".equals(m.getBody())));
            // No registration is needed to reach the transport: a stranger's presence must cost only itself too.
            XMPPTCPConnection stranger = bridge.login("mallory1", "xmpp-mallory1");
            List<Presence> strangerPresences = new CopyOnWriteArrayList<>();
            stranger.addAsyncStanzaListener(p -> strangerPresences.add((Presence) p), StanzaTypeFilter.PRESENCE);
            stranger.sendStanza(StanzaBuilder.buildPresence("stranger-deep").to(bridge.transportJid)
                    .addExtension(new RawNested(LEVELS)).build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> hasError(strangerPresences, "stranger-deep",
                    StanzaError.Condition.not_acceptable));

            Ping ping = new Ping(bridge.transportJid);
            romeo.client.createStanzaCollectorAndSend(ping).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
            assertThat(onlineStreamId()).as("the component stream was never replaced").isEqualTo(streamId);
        }
    }

    @Test
    void aStanzaOverTheTransportsLimitIsBouncedAndAnotherUsersChatGoesOn() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b2@hotmail.com", "pw")) {
            XmppUser sender = XmppUser.onboard(bridge, "romeo2", "r2@hotmail.com", "pw");
            Jid bobJid = sender.contact("b2@hotmail.com");

            sender.send(StanzaBuilder.buildMessage("too-large").ofType(Message.Type.chat).to(bobJid)
                    .setBody("z".repeat(MAX_STANZA_BYTES + 1000)).build());

            await().atMost(BridgeHarness.TIMEOUT).until(() -> hasError(sender.messages, "too-large",
                    StanzaError.Condition.policy_violation));
            sender.send(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(bobJid).setBody("after the big one").build());
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains("after the big one"));
            assertThat(bob.texts).noneMatch(text -> text.startsWith("zzz"));
            assertThat(onlineStreamId()).as("the component stream was never replaced").isEqualTo(streamId);
        }
    }

    private static boolean hasError(List<? extends Stanza> stanzas, String id, StanzaError.Condition condition) {
        return stanzas.stream().anyMatch(s -> id.equals(s.getStanzaId()) && s.getError() != null
                && s.getError().getCondition() == condition && isErrorType(s));
    }

    private static boolean isErrorType(Stanza stanza) {
        return stanza instanceof Message m ? m.getType() == Message.Type.error
                : stanza instanceof Presence p && p.getType() == Presence.Type.error;
    }

    private static String onlineStreamId() {
        ComponentState state = bridge.transport.connection().state().orElseThrow();
        assertThat(state).isInstanceOf(ComponentState.Online.class);
        return ((ComponentState.Online) state).streamId();
    }

    /** Elements nested {@code levels} deep, written as is: Smack's own serializer would recurse per level. */
    private record RawNested(int levels) implements ExtensionElement {
        @Override
        public String getNamespace() {
            return "urn:example:nested";
        }

        @Override
        public String getElementName() {
            return "x";
        }

        @Override
        public CharSequence toXML(XmlEnvironment enclosing) {
            return "<x xmlns='urn:example:nested'>" + "<x>".repeat(levels - 1) + "</x>".repeat(levels - 1) + "</x>";
        }
    }
}
