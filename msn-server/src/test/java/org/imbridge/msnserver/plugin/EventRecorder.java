package org.imbridge.msnserver.plugin;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.imbridge.core.files.IncomingFile;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.network.SessionListener;

/** Records what a legacy session reports, in order, for assertions. */
final class EventRecorder implements SessionListener {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    sealed interface Event {
    }

    record Online() implements Event {
    }

    record Disconnected(DisconnectReason reason) implements Event {
    }

    record ContactsReported(List<Contact> contacts) implements Event {
    }

    record Updated(Contact contact) implements Event {
    }

    record Removed(LegacyAddress contact) implements Event {
    }

    record PresenceOf(LegacyAddress contact, Presence presence) implements Event {
    }

    record Message(LegacyAddress from, String text, String threadId) implements Event {
    }

    record State(LegacyAddress from, ChatState state) implements Event {
    }

    record AuthorizationRequest(LegacyAddress from, String displayName) implements Event {
    }

    record Notice(String text) implements Event {
    }

    record Attention(LegacyAddress from) implements Event {
    }

    record Unsupported(LegacyAddress from, String what) implements Event {
    }

    record GroupStarted(String groupId, List<Participant> participants) implements Event {
    }

    record GroupJoined(String groupId, Participant participant) implements Event {
    }

    record GroupLeft(String groupId, LegacyAddress participant, boolean idle) implements Event {
    }

    record GroupMessage(String groupId, LegacyAddress from, String text) implements Event {
    }

    record GroupState(String groupId, LegacyAddress from, ChatState state) implements Event {
    }

    record GroupEnded(String groupId, String reason) implements Event {
    }

    record BlockChanged(LegacyAddress contact, boolean blocked) implements Event {
    }

    record FileOffered(IncomingFile file) implements Event {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    List<Event> events() {
        return List.copyOf(events);
    }

    <T extends Event> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits for the first event of {@code type} that matches. */
    <T extends Event> T await(Class<T> type, Predicate<T> match) {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> first(type, match), Optional::isPresent).orElseThrow();
    }

    <T extends Event> T await(Class<T> type) {
        return await(type, e -> true);
    }

    /** Waits until {@code count} events of {@code type} have arrived and returns them. */
    <T extends Event> List<T> awaitCount(Class<T> type, int count) {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> all(type), l -> l.size() >= count);
    }

    /** Waits for a presence of {@code handle} that matches. */
    PresenceOf awaitPresence(String handle, Presence presence) {
        return await(PresenceOf.class, p -> p.contact().equals(LegacyAddress.of(handle)) && p.presence().equals(presence));
    }

    private <T extends Event> Optional<T> first(Class<T> type, Predicate<T> match) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst();
    }

    @Override
    public void onOnline() {
        events.add(new Online());
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        events.add(new Disconnected(reason));
    }

    @Override
    public void onContactList(Collection<Contact> contacts) {
        events.add(new ContactsReported(List.copyOf(contacts)));
    }

    @Override
    public void onContactUpdated(Contact contact) {
        events.add(new Updated(contact));
    }

    @Override
    public void onContactRemoved(LegacyAddress contact) {
        events.add(new Removed(contact));
    }

    @Override
    public void onContactPresence(LegacyAddress contact, Presence presence) {
        events.add(new PresenceOf(contact, presence));
    }

    @Override
    public void onMessage(LegacyAddress from, String text, String threadId) {
        events.add(new Message(from, text, threadId));
    }

    @Override
    public void onChatState(LegacyAddress from, ChatState state) {
        events.add(new State(from, state));
    }

    @Override
    public void onAuthorizationRequest(LegacyAddress from, String displayName) {
        events.add(new AuthorizationRequest(from, displayName));
    }

    @Override
    public void onNotice(String text) {
        events.add(new Notice(text));
    }

    @Override
    public void onAttention(LegacyAddress from) {
        events.add(new Attention(from));
    }

    @Override
    public void onBlockListChanged(LegacyAddress contact, boolean blocked) {
        events.add(new BlockChanged(contact, blocked));
    }

    @Override
    public void onFileOffer(IncomingFile file) {
        events.add(new FileOffered(file));
    }

    @Override
    public void onUnsupportedContent(LegacyAddress from, String what) {
        events.add(new Unsupported(from, what));
    }

    @Override
    public void onGroupChatStarted(String groupId, List<Participant> participants) {
        events.add(new GroupStarted(groupId, List.copyOf(participants)));
    }

    @Override
    public void onGroupParticipantJoined(String groupId, Participant participant) {
        events.add(new GroupJoined(groupId, participant));
    }

    @Override
    public void onGroupParticipantLeft(String groupId, LegacyAddress participant, boolean idle) {
        events.add(new GroupLeft(groupId, participant, idle));
    }

    @Override
    public void onGroupMessage(String groupId, LegacyAddress from, String text) {
        events.add(new GroupMessage(groupId, from, text));
    }

    @Override
    public void onGroupChatState(String groupId, LegacyAddress from, ChatState state) {
        events.add(new GroupState(groupId, from, state));
    }

    @Override
    public void onGroupChatEnded(String groupId, String reason) {
        events.add(new GroupEnded(groupId, reason));
    }
}
