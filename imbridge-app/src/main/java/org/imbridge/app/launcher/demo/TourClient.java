package org.imbridge.app.launcher.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tour's Jabber client: a Smack connection that behaves like a person's client (approves the
 * transport's and its contacts' subscription requests, naming each contact with the nickname of its
 * request as Gajim and Psi do, and subscribes back) and remembers every presence and message it gets,
 * so that the tour can wait for them and for roster entries.
 */
final class TourClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TourClient.class);

    private final XMPPTCPConnection connection;
    private final Duration timeout;
    private final List<Stanza> received = new ArrayList<>();
    private final Roster roster;

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
        this.roster = Roster.getInstanceFor(connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        roster.addRosterListener(new RosterChanges(this::wakeUp));
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

    /** The roster entry of {@code jid} once it matches (now or within the timeout), or empty. */
    Optional<RosterEntry> awaitRosterEntry(BareJid jid, Predicate<RosterEntry> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                RosterEntry entry = roster.getEntry(jid);
                if (entry != null && condition.test(entry)) {
                    return Optional.of(entry);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A contact as a person's client shows it once approved: named, subscribed both ways. */
    static boolean isApproved(RosterEntry entry) {
        return entry.getType() == RosterPacket.ItemType.both && entry.getName() != null && !entry.getName().isBlank();
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
            Nick nick = p.getExtension(Nick.class);
            if (nick != null && p.getFrom().hasLocalpart()) {
                nameContact(p.getFrom().asBareJid(), nick.getName());
            }
            connection.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribed).to(p.getFrom()).build());
            connection.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.subscribe).to(p.getFrom()).build());
        }
        record(stanza);
    }

    private void nameContact(BareJid jid, String name) throws InterruptedException {
        try {
            roster.createItem(jid, name, null);
        } catch (SmackException | XMPPException e) {
            LOG.warn("could not name {} in the roster: {}", jid, describe(e));
        }
    }

    private void wakeUp() {
        synchronized (received) {
            received.notifyAll();
        }
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

    /** Wakes up whoever waits for a roster entry, on every change. */
    private record RosterChanges(Runnable onChange) implements RosterListener {
        @Override
        public void entriesAdded(Collection<Jid> addresses) {
            onChange.run();
        }

        @Override
        public void entriesUpdated(Collection<Jid> addresses) {
            onChange.run();
        }

        @Override
        public void entriesDeleted(Collection<Jid> addresses) {
            onChange.run();
        }

        @Override
        public void presenceChanged(Presence presence) {
            // presences are recorded as stanzas
        }
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
