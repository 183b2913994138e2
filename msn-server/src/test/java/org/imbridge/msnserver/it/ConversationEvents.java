package org.imbridge.msnserver.it;

import java.util.List;

import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.protocol.MimeMessage;

/** Records what a {@link org.imbridge.msn.client.SwitchboardSession} reports. */
class ConversationEvents implements SwitchboardListener {

    sealed interface Event {
    }

    record Message(String handle, String friendlyName, MimeMessage message) implements Event {
        String text() {
            return message.bodyText();
        }
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

    private final EventLog<Event> log = new EventLog<>();

    <T extends Event> T next(Class<T> type) {
        return log.next(type);
    }

    /** The next chat message from {@code handle}. */
    Message nextMessageFrom(String handle) {
        return log.next(Message.class, m -> m.handle().equals(handle));
    }

    <T extends Event> List<T> all(Class<T> type) {
        return log.all(type);
    }

    @Override
    public void onMessage(String handle, String friendlyName, MimeMessage message) {
        log.add(new Message(handle, friendlyName, message));
    }

    @Override
    public void onTyping(String handle) {
        log.add(new Typing(handle));
    }

    @Override
    public void onParticipantJoined(String handle, String friendlyName) {
        log.add(new Joined(handle, friendlyName));
    }

    @Override
    public void onParticipantLeft(String handle, boolean idleTimeout) {
        log.add(new Left(handle, idleTimeout));
    }

    @Override
    public void onDeliveryFailed(MimeMessage undelivered) {
        log.add(new DeliveryFailed(undelivered));
    }

    @Override
    public void onClosed() {
        log.add(new Closed());
    }

    @Override
    public String toString() {
        return log.toString();
    }
}
