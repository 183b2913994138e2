package org.imbridge.core.network;

import java.util.concurrent.CompletionStage;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;

/**
 * One user's connection to a legacy network. Every operation is asynchronous and must not block (the
 * caller may be an I/O thread); failures of sends complete exceptionally with
 * {@link org.imbridge.core.model.DeliveryFailure}, failures of login with {@link LoginFailure}.
 */
public interface LegacySession {

    /** Connects and logs in; completes when the contact list is known. */
    CompletionStage<Void> login(Presence initialPresence);

    /** Changes the user's own presence (an unavailable presence is not a logout). */
    CompletionStage<Void> setPresence(Presence presence);

    /** Changes the user's own display name on the network. */
    CompletionStage<Void> setDisplayName(String name);

    /**
     * Sends a chat message; completes when the network has accepted it (and, with {@code confirm},
     * when the network confirmed delivery).
     */
    CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm);

    /** Tells {@code to} about the user's typing; best effort. */
    void sendChatState(LegacyAddress to, ChatState state);

    /** Adds a contact to the user's list (and allows it to see the user). */
    CompletionStage<Void> addContact(LegacyAddress contact, String displayName, String group);

    /** Removes a contact from the user's list. */
    CompletionStage<Void> removeContact(LegacyAddress contact);

    /** Answers an authorization request: allow {@code contact} to see the user, or block it. */
    CompletionStage<Void> authorize(LegacyAddress contact, boolean allow);

    /** Logs out and closes the connection; idempotent. */
    void logout();
}
