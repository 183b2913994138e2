package org.imbridge.core.session;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;

/** Records what the bridge tells the user's side, as short strings. */
final class RecordingOutput implements BridgeOutput {

    final List<String> events = new CopyOnWriteArrayList<>();
    volatile LinkState lastState;
    volatile String lastText;

    @Override
    public void linkState(String userJid, LinkState state, String text) {
        lastState = state;
        lastText = text;
        events.add("state " + state);
    }

    @Override
    public void contactList(String userJid, Collection<Contact> contacts) {
        events.add("contacts " + contacts.size());
    }

    @Override
    public void contactUpdated(String userJid, Contact contact) {
        events.add("updated " + contact.address());
    }

    @Override
    public void contactRemoved(String userJid, LegacyAddress contact) {
        events.add("removed " + contact);
    }

    @Override
    public void contactPresence(String userJid, LegacyAddress contact, Presence presence) {
        events.add("presence " + contact + " " + presence.show());
    }

    @Override
    public void message(String userJid, LegacyAddress from, String text, String threadId) {
        events.add("message " + from + " " + text);
    }

    @Override
    public void chatState(String userJid, LegacyAddress from, ChatState state) {
        events.add("chatstate " + from + " " + state);
    }

    @Override
    public void authorizationRequest(String userJid, LegacyAddress from, String displayName) {
        events.add("authorize? " + from);
    }

    @Override
    public void notice(String userJid, String text) {
        events.add("notice " + text);
    }

    @Override
    public void attention(String userJid, LegacyAddress from) {
        events.add("attention " + from);
    }

    @Override
    public void unsupportedContent(String userJid, LegacyAddress from, String what) {
        events.add("unsupported " + from + " " + what);
    }

    @Override
    public void groupChatStarted(String userJid, String groupId, List<Participant> participants) {
        events.add("group " + groupId + " started " + participants.stream().map(p -> p.address().value()).toList());
    }

    @Override
    public void groupParticipantJoined(String userJid, String groupId, Participant participant) {
        events.add("group " + groupId + " joined " + participant.address());
    }

    @Override
    public void groupParticipantLeft(String userJid, String groupId, LegacyAddress participant, boolean idle) {
        events.add("group " + groupId + " left " + participant);
    }

    @Override
    public void groupMessage(String userJid, String groupId, LegacyAddress from, String text) {
        events.add("group " + groupId + " message " + from + ": " + text);
    }

    @Override
    public void groupChatState(String userJid, String groupId, LegacyAddress from, ChatState state) {
        events.add("group " + groupId + " state " + from + " " + state);
    }

    @Override
    public void groupChatEnded(String userJid, String groupId, String reason) {
        events.add("group " + groupId + " ended " + reason);
    }

    @Override
    public void sessionElsewhere(String userJid) {
        events.add("elsewhere " + userJid);
    }
}
