package org.imbridge.msn.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;

/** Records notification and switchboard events for assertions. */
final class RecordingListener implements NotificationListener, SwitchboardListener {

    sealed interface Event {
    }

    record ListReady(ContactList list) implements Event {
    }

    record ListChanged(ContactList list) implements Event {
    }

    record Presence(String handle, MsnStatus status, String friendlyName) implements Event {
    }

    record AddedBy(String handle, String friendlyName) implements Event {
    }

    record RemovedBy(String handle) implements Event {
    }

    record StatusChanged(MsnStatus status) implements Event {
    }

    record Invited(SwitchboardInvitation invitation) implements Event {
    }

    record Email(EmailNotification notification) implements Event {
    }

    record SystemNotice(SystemMessage message) implements Event {
    }

    record Disconnected(DisconnectReason reason) implements Event {
    }

    record Message(String handle, String friendlyName, MimeMessage message) implements Event {
    }

    record Typing(String handle) implements Event {
    }

    record Joined(String handle, String friendlyName) implements Event {
    }

    record Left(String handle, boolean idleTimeout) implements Event {
    }

    record DeliveryFailed(MimeMessage message) implements Event {
    }

    record Closed() implements Event {
    }

    private final List<Event> events = new ArrayList<>();

    private synchronized void add(Event e) {
        events.add(e);
    }

    /** Waits (up to 5 s) for the first not yet taken event of {@code type}, and takes it. */
    <T extends Event> T await(Class<T> type) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> find(type, false) != null);
        return find(type, true);
    }

    /** Every recorded event not yet taken. */
    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /** The recorded events of {@code type} not yet taken. */
    synchronized <T extends Event> List<T> all(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (Event e : events) {
            if (type.isInstance(e)) {
                matching.add(type.cast(e));
            }
        }
        return matching;
    }

    private synchronized <T extends Event> T find(Class<T> type, boolean take) {
        for (Event e : events) {
            if (type.isInstance(e)) {
                if (take) {
                    events.remove(e);
                }
                return type.cast(e);
            }
        }
        return null;
    }

    @Override
    public void onContactListReady(ContactList list) {
        add(new ListReady(list));
    }

    @Override
    public void onContactListChanged(ContactList list) {
        add(new ListChanged(list));
    }

    @Override
    public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
        add(new Presence(handle, status, friendlyName));
    }

    @Override
    public void onAddedBy(String handle, String friendlyName) {
        add(new AddedBy(handle, friendlyName));
    }

    @Override
    public void onRemovedBy(String handle) {
        add(new RemovedBy(handle));
    }

    @Override
    public void onStatusChanged(MsnStatus status) {
        add(new StatusChanged(status));
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        add(new Invited(invitation));
    }

    @Override
    public void onEmailNotification(EmailNotification notification) {
        add(new Email(notification));
    }

    @Override
    public void onSystemMessage(SystemMessage message) {
        add(new SystemNotice(message));
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        add(new Disconnected(reason));
    }

    @Override
    public void onMessage(String handle, String friendlyName, MimeMessage message) {
        add(new Message(handle, friendlyName, message));
    }

    @Override
    public void onTyping(String handle) {
        add(new Typing(handle));
    }

    @Override
    public void onParticipantJoined(String handle, String friendlyName) {
        add(new Joined(handle, friendlyName));
    }

    @Override
    public void onParticipantLeft(String handle, boolean idleTimeout) {
        add(new Left(handle, idleTimeout));
    }

    @Override
    public void onDeliveryFailed(MimeMessage undelivered) {
        add(new DeliveryFailed(undelivered));
    }

    @Override
    public void onClosed() {
        add(new Closed());
    }
}
