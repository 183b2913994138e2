package org.imbridge.xmpp.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.imbridge.core.logging.LogContext;
import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.network.SessionListener;
import org.slf4j.MDC;

/**
 * A {@link LegacyNetwork} that counts what goes through it (logins and their failures, messages each
 * way, disconnects) and puts the user's JID in the logging context (MDC key {@value #MDC_USER})
 * while the network's events about that user are handled, so every log line about them names them.
 * The JID is the one in the context when the session was opened; an account seen before keeps it.
 */
public final class MeteredNetwork implements LegacyNetwork {

    /** The MDC key that names the user a log line is about. */
    public static final String MDC_USER = "user";

    private final LegacyNetwork network;
    private final TransportMetrics metrics;
    private final Map<String, String> userByAccount = new ConcurrentHashMap<>();

    public MeteredNetwork(LegacyNetwork network, TransportMetrics metrics) {
        this.network = network;
        this.metrics = metrics;
    }

    @Override
    public NetworkProfile profile() {
        return network.profile();
    }

    @Override
    public boolean isValidAccount(String account) {
        return network.isValidAccount(account);
    }

    @Override
    public CompletionStage<Void> verifyCredentials(LegacyCredentials credentials) {
        return inContext(counted(network.verifyCredentials(credentials)), MDC.get(MDC_USER));
    }

    /**
     * {@code stage}, completed inside {@code user}'s logging context, so that what runs on its
     * completion (on the network's threads) logs the user too.
     */
    static <T> CompletionStage<T> inContext(CompletionStage<T> stage, String user) {
        if (user == null) {
            return stage;
        }
        LogContext context = LogContext.of(MDC_USER, user);
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> context.run(() -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    @Override
    public LegacySession openSession(LegacyCredentials credentials, SessionListener listener) {
        String account = credentials.account().value();
        String user = MDC.get(MDC_USER);
        if (user != null) {
            userByAccount.put(account, user);
        } else {
            user = userByAccount.get(account);
        }
        return new Session(network.openSession(credentials, new Listener(listener, user)), user);
    }

    @Override
    public void close() {
        network.close();
    }

    private CompletionStage<Void> counted(CompletionStage<Void> login) {
        return login.whenComplete((v, e) -> {
            if (e == null) {
                metrics.login("success");
            } else {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                String kind = cause instanceof LoginFailure f ? f.kind().name() : "error";
                metrics.login(kind);
                metrics.error("network_login_" + kind);
            }
        });
    }

    /** Counts logins and sent messages. */
    private final class Session implements LegacySession {
        private final LegacySession session;
        private final String user;

        Session(LegacySession session, String user) {
            this.session = session;
            this.user = user;
        }

        @Override
        public CompletionStage<Void> login(Presence initialPresence) {
            return inContext(counted(session.login(initialPresence)), user);
        }

        @Override
        public CompletionStage<Void> setPresence(Presence presence) {
            return session.setPresence(presence);
        }

        @Override
        public CompletionStage<Void> setDisplayName(String name) {
            return session.setDisplayName(name);
        }

        @Override
        public CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm) {
            return sent(session.sendMessage(to, text, confirm));
        }

        /** Counts a message sent, or not delivered, and completes in the user's log context. */
        private CompletionStage<Void> sent(CompletionStage<Void> sending) {
            return inContext(sending.whenComplete((v, e) -> {
                if (e == null) {
                    metrics.messageToNetwork();
                } else {
                    metrics.error("network_message_not_delivered");
                }
            }), user);
        }

        @Override
        public void sendChatState(LegacyAddress to, ChatState state) {
            session.sendChatState(to, state);
        }

        @Override
        public CompletionStage<Void> addContact(LegacyAddress contact, String displayName, String group) {
            return session.addContact(contact, displayName, group);
        }

        @Override
        public CompletionStage<Void> removeContact(LegacyAddress contact) {
            return session.removeContact(contact);
        }

        @Override
        public CompletionStage<Void> authorize(LegacyAddress contact, boolean allow) {
            return session.authorize(contact, allow);
        }

        @Override
        public CompletionStage<Void> sendAttention(LegacyAddress to) {
            return session.sendAttention(to);
        }

        @Override
        public CompletionStage<Long> acceptFile(String offerId, java.nio.file.Path destination) {
            return session.acceptFile(offerId, destination);
        }

        @Override
        public void declineFile(String offerId, org.imbridge.core.files.TransferFailure.Reason why) {
            session.declineFile(offerId, why);
        }

        @Override
        public CompletionStage<Void> sendFile(LegacyAddress to, org.imbridge.core.files.OutgoingFile file) {
            return session.sendFile(to, file);
        }

        @Override
        public CompletionStage<Set<LegacyAddress>> blockList() {
            return session.blockList();
        }

        @Override
        public CompletionStage<Void> block(LegacyAddress contact) {
            return session.block(contact);
        }

        @Override
        public CompletionStage<Void> unblock(LegacyAddress contact) {
            return session.unblock(contact);
        }

        @Override
        public CompletionStage<Void> setContactGroups(LegacyAddress contact, Set<String> groups) {
            return session.setContactGroups(contact, groups);
        }

        @Override
        public CompletionStage<ContactCard> contactCard(LegacyAddress contact) {
            return session.contactCard(contact);
        }

        @Override
        public CompletionStage<AccountSettings> settings() {
            return session.settings();
        }

        @Override
        public CompletionStage<Void> changeSettings(AccountSettings settings) {
            return session.changeSettings(settings);
        }

        @Override
        public CompletionStage<String> openGroupChat(LegacyAddress first) {
            return session.openGroupChat(first);
        }

        @Override
        public CompletionStage<Void> inviteToGroupChat(String groupId, LegacyAddress contact) {
            return session.inviteToGroupChat(groupId, contact);
        }

        @Override
        public CompletionStage<Void> sendGroupMessage(String groupId, String text) {
            return sent(session.sendGroupMessage(groupId, text));
        }

        @Override
        public void sendGroupChatState(String groupId, ChatState state) {
            session.sendGroupChatState(groupId, state);
        }

        @Override
        public void leaveGroupChat(String groupId) {
            session.leaveGroupChat(groupId);
        }

        @Override
        public void logout() {
            session.logout();
        }
    }

    /** Counts incoming messages and disconnects; names the user in the MDC around every event. */
    private final class Listener implements SessionListener {
        private final SessionListener listener;
        private final LogContext user;

        Listener(SessionListener listener, String user) {
            this.listener = listener;
            this.user = LogContext.of(MDC_USER, user);
        }

        private void as(Runnable event) {
            user.run(event);
        }

        @Override
        public void onOnline() {
            as(listener::onOnline);
        }

        @Override
        public void onDisconnected(DisconnectReason reason) {
            if (reason != DisconnectReason.LOGGED_OUT) {
                metrics.error("network_" + reason.name());
            }
            as(() -> listener.onDisconnected(reason));
        }

        @Override
        public void onContactList(java.util.Collection<Contact> contacts) {
            as(() -> listener.onContactList(contacts));
        }

        @Override
        public void onContactUpdated(Contact contact) {
            as(() -> listener.onContactUpdated(contact));
        }

        @Override
        public void onContactRemoved(LegacyAddress contact) {
            as(() -> listener.onContactRemoved(contact));
        }

        @Override
        public void onContactPresence(LegacyAddress contact, Presence presence) {
            as(() -> listener.onContactPresence(contact, presence));
        }

        @Override
        public void onMessage(LegacyAddress from, String text, String threadId) {
            metrics.messageFromNetwork();
            as(() -> listener.onMessage(from, text, threadId));
        }

        @Override
        public void onChatState(LegacyAddress from, ChatState state) {
            as(() -> listener.onChatState(from, state));
        }

        @Override
        public void onAuthorizationRequest(LegacyAddress from, String displayName) {
            as(() -> listener.onAuthorizationRequest(from, displayName));
        }

        @Override
        public void onNotice(String text) {
            as(() -> listener.onNotice(text));
        }

        @Override
        public void onAttention(LegacyAddress from) {
            as(() -> listener.onAttention(from));
        }

        @Override
        public void onFileOffer(org.imbridge.core.files.IncomingFile offer) {
            as(() -> listener.onFileOffer(offer));
        }

        @Override
        public void onBlockListChanged(LegacyAddress contact, boolean blocked) {
            as(() -> listener.onBlockListChanged(contact, blocked));
        }

        @Override
        public void onUnsupportedContent(LegacyAddress from, String what) {
            as(() -> listener.onUnsupportedContent(from, what));
        }

        @Override
        public void onGroupChatStarted(String groupId, List<Participant> participants) {
            as(() -> listener.onGroupChatStarted(groupId, participants));
        }

        @Override
        public void onGroupParticipantJoined(String groupId, Participant participant) {
            as(() -> listener.onGroupParticipantJoined(groupId, participant));
        }

        @Override
        public void onGroupParticipantLeft(String groupId, LegacyAddress participant, boolean idle) {
            as(() -> listener.onGroupParticipantLeft(groupId, participant, idle));
        }

        @Override
        public void onGroupMessage(String groupId, LegacyAddress from, String text) {
            metrics.messageFromNetwork();
            as(() -> listener.onGroupMessage(groupId, from, text));
        }

        @Override
        public void onGroupChatState(String groupId, LegacyAddress from, ChatState state) {
            as(() -> listener.onGroupChatState(groupId, from, state));
        }

        @Override
        public void onGroupChatEnded(String groupId, String reason) {
            as(() -> listener.onGroupChatEnded(groupId, reason));
        }
    }
}
