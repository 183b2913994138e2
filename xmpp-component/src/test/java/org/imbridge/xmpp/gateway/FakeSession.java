package org.imbridge.xmpp.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.SessionListener;

/**
 * A legacy session of {@link FakeNetwork}: logs in at once, records what the gateway asks of it as
 * readable lines ({@code "openGroupChat bob@fakenet.example"}), answers group and attention requests as
 * the test says, and lets the test play the network through {@link #listener()}.
 */
public final class FakeSession implements LegacySession {

    private final SessionListener listener;
    private final CompletionStage<Void> loggedIn;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public volatile Function<LegacyAddress, CompletionStage<String>> openGroupChat =
            first -> CompletableFuture.completedFuture("g-" + first.value());
    public volatile BiFunction<String, LegacyAddress, CompletionStage<Void>> inviteToGroupChat =
            (group, contact) -> CompletableFuture.completedFuture(null);
    public volatile BiFunction<String, String, CompletionStage<Void>> sendGroupMessage =
            (group, text) -> CompletableFuture.completedFuture(null);
    public volatile Function<LegacyAddress, CompletionStage<Void>> sendAttention =
            to -> CompletableFuture.completedFuture(null);
    public volatile Function<LegacyAddress, CompletionStage<ContactCard>> contactCard =
            contact -> CompletableFuture.completedFuture(new ContactCard(contact, null, Map.of()));

    /** The user's settings as the network has them; {@link #changeSettings} replaces them unless it fails. */
    public volatile AccountSettings settings =
            new AccountSettings("Romeo", AccountSettings.Visibility.EVERYONE_NOT_BLOCKED, true);
    public volatile Function<AccountSettings, CompletionStage<Void>> changeSettings =
            wanted -> CompletableFuture.completedFuture(null);

    FakeSession(SessionListener listener, CompletionStage<Void> loggedIn) {
        this.listener = listener;
        this.loggedIn = loggedIn;
    }

    /** What the network tells the bridge. */
    public SessionListener listener() {
        return listener;
    }

    /** What the gateway asked of the session, in order. */
    public List<String> calls() {
        return calls;
    }

    @Override
    public CompletionStage<Void> login(Presence initialPresence) {
        return loggedIn;
    }

    @Override
    public CompletionStage<Void> setPresence(Presence presence) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> setDisplayName(String name) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm) {
        calls.add("sendMessage " + to + " " + text);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void sendChatState(LegacyAddress to, ChatState state) {
        calls.add("sendChatState " + to + " " + state);
    }

    @Override
    public CompletionStage<Void> addContact(LegacyAddress contact, String displayName, String group) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> removeContact(LegacyAddress contact) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> setContactGroups(LegacyAddress contact, java.util.Set<String> groups) {
        calls.add("setContactGroups " + contact + " " + new java.util.TreeSet<>(groups));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> authorize(LegacyAddress contact, boolean allow) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> sendAttention(LegacyAddress to) {
        calls.add("sendAttention " + to);
        return sendAttention.apply(to);
    }

    @Override
    public CompletionStage<ContactCard> contactCard(LegacyAddress contact) {
        calls.add("contactCard " + contact);
        return contactCard.apply(contact);
    }

    @Override
    public CompletionStage<String> openGroupChat(LegacyAddress first) {
        calls.add("openGroupChat " + first);
        return openGroupChat.apply(first);
    }

    @Override
    public CompletionStage<Void> inviteToGroupChat(String groupId, LegacyAddress contact) {
        calls.add("inviteToGroupChat " + groupId + " " + contact);
        return inviteToGroupChat.apply(groupId, contact);
    }

    @Override
    public CompletionStage<Void> sendGroupMessage(String groupId, String text) {
        calls.add("sendGroupMessage " + groupId + " " + text);
        return sendGroupMessage.apply(groupId, text);
    }

    @Override
    public void sendGroupChatState(String groupId, ChatState state) {
        calls.add("sendGroupChatState " + groupId + " " + state);
    }

    @Override
    public void leaveGroupChat(String groupId) {
        calls.add("leaveGroupChat " + groupId);
    }

    /** The block list; block and unblock change it and report changes, as a network would. */
    public final java.util.Set<LegacyAddress> blocked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public CompletionStage<java.util.Set<LegacyAddress>> blockList() {
        return CompletableFuture.completedFuture(java.util.Set.copyOf(blocked));
    }

    @Override
    public CompletionStage<Void> block(LegacyAddress contact) {
        calls.add("block " + contact);
        if (blocked.add(contact)) {
            listener.onBlockListChanged(contact, true);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unblock(LegacyAddress contact) {
        calls.add("unblock " + contact);
        if (blocked.remove(contact)) {
            listener.onBlockListChanged(contact, false);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<AccountSettings> settings() {
        return CompletableFuture.completedFuture(settings);
    }

    @Override
    public CompletionStage<Void> changeSettings(AccountSettings wanted) {
        calls.add("changeSettings " + wanted);
        return changeSettings.apply(wanted).thenRun(() -> settings = wanted);
    }

    @Override
    public void logout() {
        calls.add("logout");
    }
}
