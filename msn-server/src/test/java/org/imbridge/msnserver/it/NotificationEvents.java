package org.imbridge.msnserver.it;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.DisconnectReason;
import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.client.SystemMessage;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * Records what a {@link org.imbridge.msn.client.NotificationSession} reports. When told to, accepts
 * every invitation from inside the callback (as a real application would) and records the join.
 */
final class NotificationEvents implements NotificationListener {

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

    /** An invitation this listener accepted by itself; {@code joined} completes after ANS OK. */
    record Accepted(SwitchboardInvitation invitation, CompletionStage<SwitchboardSession> joined) implements Event {
    }

    record Email(EmailNotification notification) implements Event {
    }

    record SystemNotice(SystemMessage message) implements Event {
    }

    record Disconnected(DisconnectReason reason) implements Event {
    }

    private final EventLog<Event> log = new EventLog<>();
    private volatile Supplier<? extends SwitchboardListener> acceptWith;

    /** From now on every invitation is accepted at once, each with a listener from {@code listeners}. */
    NotificationEvents acceptInvitations(Supplier<? extends SwitchboardListener> listeners) {
        acceptWith = listeners;
        return this;
    }

    <T extends Event> T next(Class<T> type) {
        return log.next(type);
    }

    /** The next presence event about {@code handle}. */
    Presence nextPresenceOf(String handle) {
        return log.next(Presence.class, p -> p.handle().equals(handle));
    }

    <T extends Event> List<T> all(Class<T> type) {
        return log.all(type);
    }

    @Override
    public void onContactListReady(ContactList list) {
        log.add(new ListReady(list));
    }

    @Override
    public void onContactListChanged(ContactList list) {
        log.add(new ListChanged(list));
    }

    @Override
    public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
        log.add(new Presence(handle, status, friendlyName));
    }

    @Override
    public void onAddedBy(String handle, String friendlyName) {
        log.add(new AddedBy(handle, friendlyName));
    }

    @Override
    public void onRemovedBy(String handle) {
        log.add(new RemovedBy(handle));
    }

    @Override
    public void onStatusChanged(MsnStatus status) {
        log.add(new StatusChanged(status));
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        Supplier<? extends SwitchboardListener> listeners = acceptWith;
        if (listeners == null) {
            log.add(new Invited(invitation));
        } else {
            log.add(new Accepted(invitation, invitation.accept(listeners.get())));
        }
    }

    @Override
    public void onEmailNotification(EmailNotification notification) {
        log.add(new Email(notification));
    }

    @Override
    public void onSystemMessage(SystemMessage message) {
        log.add(new SystemNotice(message));
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        log.add(new Disconnected(reason));
    }

    @Override
    public String toString() {
        return log.toString();
    }
}
