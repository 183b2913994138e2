package org.imbridge.app.launcher.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.imbridge.xmpp.gateway.register.RegistrationForm;
import org.imbridge.xmpp.stream.StanzaCodec;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The tour's Jabber client: a Smack connection that behaves like a person's client (approves the
 * transport's and its contacts' subscription requests and subscribes back) and remembers every
 * presence and message it gets, so that the tour can wait for them.
 */
final class TourClient implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final Duration timeout;
    private final List<Stanza> received = new ArrayList<>();

    TourClient(String host, int port, String domain, String user, String password, Duration timeout) throws Exception {
        StanzaCodec.initialize(); // the same Smack parser set-up as the component in this JVM
        this.timeout = timeout;
        this.connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost(host)
                .setPort(port)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, password)
                .setResource("tour")
                .setConnectTimeout((int) timeout.toMillis())
                .build());
        connection.setReplyTimeout(timeout.toMillis());
        Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.manual);
        connection.addAsyncStanzaListener((StanzaListener) this::onPresence, StanzaTypeFilter.PRESENCE);
        connection.addAsyncStanzaListener((StanzaListener) this::record, StanzaTypeFilter.MESSAGE);
    }

    void login() throws Exception {
        connection.connect().login();
    }

    DiscoverInfo discover(DomainBareJid service) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(service);
    }

    /** Submits the registration form (XEP-0077 with an XEP-0004 form); throws on an error reply. */
    void register(DomainBareJid transport, String account, String password) throws Exception {
        Registration set = RegistrationForm.submission(transport, account, password);
        connection.createStanzaCollectorAndSend(set).nextResultOrThrow(timeout.toMillis());
    }

    /** The first stanza received (so far or within the timeout) that matches, or empty. */
    <T extends Stanza> Optional<T> await(Class<T> type, Predicate<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (Stanza s : received) {
                    if (type.isInstance(s) && condition.test(type.cast(s))) {
                        return Optional.of(type.cast(s));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void sendChat(Jid to, String text) throws SmackException.NotConnectedException, InterruptedException {
        connection.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(to).setBody(text)
                .addExtension(new ChatStateExtension(ChatState.active)).build());
    }

    static boolean isComposing(Message m) {
        ChatStateExtension state = (ChatStateExtension) m.getExtension(ChatStateExtension.NAMESPACE);
        return state != null && state.getChatState() == ChatState.composing;
    }

    static Jid jid(String jid) {
        return JidCreate.fromOrThrowUnchecked(jid);
    }

    private void onPresence(Stanza stanza) throws SmackException.NotConnectedException, InterruptedException {
        Presence p = (Presence) stanza;
        if (p.getType() == Presence.Type.subscribe) {
            connection.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(p.getFrom()).build());
            connection.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(p.getFrom()).build());
        }
        record(stanza);
    }

    private void record(Stanza stanza) {
        synchronized (received) {
            received.add(stanza);
            received.notifyAll();
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    /** Thrown by a tour step that did not work; the message says what was missing. */
    static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }

    static void check(boolean ok, String problem) throws StepFailed {
        if (!ok) {
            throw new StepFailed(problem);
        }
    }

    static String describe(Throwable e) {
        if (e instanceof XMPPException.XMPPErrorException x) {
            return "the server answered " + x.getStanzaError().getCondition()
                    + (x.getStanzaError().getDescriptiveText() == null ? "" : ": " + x.getStanzaError().getDescriptiveText());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
