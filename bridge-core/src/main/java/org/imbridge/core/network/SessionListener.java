package org.imbridge.core.network;

import java.util.Collection;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;

/**
 * Events of one legacy session. Called from the network's threads: implementations must not block.
 * Default methods do nothing so that a listener implements only what it needs.
 */
public interface SessionListener {

    /** The session is online. */
    default void onOnline() {
    }

    /** The session ended; {@code reason} says whether to reconnect. */
    default void onDisconnected(DisconnectReason reason) {
    }

    /** The complete contact list, after login and after it changed wholesale. */
    default void onContactList(Collection<Contact> contacts) {
    }

    /** A contact was added to, or changed on, the user's list (name, groups). */
    default void onContactUpdated(Contact contact) {
    }

    /** A contact left the user's list. */
    default void onContactRemoved(LegacyAddress contact) {
    }

    /** A contact's presence changed. */
    default void onContactPresence(LegacyAddress contact, Presence presence) {
    }

    /** A chat message arrived; {@code threadId} names the conversation it belongs to. */
    default void onMessage(LegacyAddress from, String text, String threadId) {
    }

    /** A contact's typing state changed. */
    default void onChatState(LegacyAddress from, ChatState state) {
    }

    /** Someone added the user to their list and asks to be allowed. */
    default void onAuthorizationRequest(LegacyAddress from, String displayName) {
    }

    /** A notice from the network itself (new mail, maintenance). */
    default void onNotice(String text) {
    }
}
