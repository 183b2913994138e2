package org.imbridge.core.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.network.SessionListener;

/** A legacy network whose sessions the test drives by hand: it completes logins and fires events. */
final class ScriptedNetwork implements LegacyNetwork {

    final List<ScriptedSession> sessions = new CopyOnWriteArrayList<>();

    ScriptedSession last() {
        return sessions.get(sessions.size() - 1);
    }

    @Override
    public NetworkProfile profile() {
        return new NetworkProfile("test", "TestNet", "TestNet", "test", "account name", "someone");
    }

    @Override
    public boolean isValidAccount(String account) {
        return true;
    }

    @Override
    public CompletionStage<Void> verifyCredentials(LegacyCredentials credentials) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public LegacySession openSession(LegacyCredentials credentials, SessionListener listener) {
        ScriptedSession s = new ScriptedSession(credentials, listener);
        sessions.add(s);
        return s;
    }

    @Override
    public void close() {
    }

    static final class ScriptedSession implements LegacySession {
        final LegacyCredentials credentials;
        final SessionListener listener;
        final CompletableFuture<Void> login = new CompletableFuture<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean loggedOut;

        ScriptedSession(LegacyCredentials credentials, SessionListener listener) {
            this.credentials = credentials;
            this.listener = listener;
        }

        @Override
        public CompletionStage<Void> login(Presence initialPresence) {
            calls.add("login " + initialPresence.show());
            return login;
        }

        @Override
        public CompletionStage<Void> setPresence(Presence presence) {
            calls.add("presence " + presence.show());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> setDisplayName(String name) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm) {
            calls.add("message " + to + " " + text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void sendChatState(LegacyAddress to, ChatState state) {
            calls.add("chatstate " + to + " " + state);
        }

        @Override
        public CompletionStage<Void> addContact(LegacyAddress contact, String displayName, String group) {
            calls.add("add " + contact);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> removeContact(LegacyAddress contact) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> authorize(LegacyAddress contact, boolean allow) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> sendAttention(LegacyAddress to) {
            calls.add("attention " + to);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<String> openGroupChat(LegacyAddress first) {
            calls.add("open group " + first);
            return CompletableFuture.completedFuture("g1");
        }

        @Override
        public CompletionStage<Void> sendGroupMessage(String groupId, String text) {
            calls.add("group message " + groupId + " " + text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void leaveGroupChat(String groupId) {
            calls.add("leave group " + groupId);
        }

        @Override
        public void logout() {
            loggedOut = true;
        }
    }
}
