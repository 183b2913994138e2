package org.imbridge.core.session;

import java.util.Collection;
import java.util.List;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;

/**
 * What the bridge tells the user's side (the XMPP gateway) about their legacy session. Called on the
 * user's serial executor, and {@code message} and {@code chatState} directly on the network's I/O
 * thread when nothing else of the user is pending: implementations must not block.
 */
public interface BridgeOutput {

    /** The legacy session's state changed; {@code text} says why in words for the user. */
    void linkState(String userJid, LinkState state, String text);

    /** The whole contact list is known (after each login). */
    void contactList(String userJid, Collection<Contact> contacts);

    /** A contact was added or changed (name, groups). */
    void contactUpdated(String userJid, Contact contact);

    /** A contact is no longer on the user's list. */
    void contactRemoved(String userJid, LegacyAddress contact);

    /** A contact's presence changed. */
    void contactPresence(String userJid, LegacyAddress contact, Presence presence);

    /** A chat message for the user. */
    void message(String userJid, LegacyAddress from, String text, String threadId);

    /** A contact's typing state. */
    void chatState(String userJid, LegacyAddress from, ChatState state);

    /** Someone added the user on the legacy network and asks to be allowed. */
    void authorizationRequest(String userJid, LegacyAddress from, String displayName);

    /** A notice from the legacy network (new mail, maintenance). */
    void notice(String userJid, String text);

    /** A contact wants the user's attention (a nudge). */
    void attention(String userJid, LegacyAddress from);

    /** A contact sent something the transport cannot show; {@code what} is a noun phrase such as "a wink". */
    void unsupportedContent(String userJid, LegacyAddress from, String what);

    /**
     * A contact offers the user a file: answer through {@link BridgedUser#acceptFile} or
     * {@link BridgedUser#declineFile}. By default the user is told it cannot be shown and it is left to
     * time out.
     */
    default void fileOffer(String userJid, org.imbridge.core.files.IncomingFile offer) {
        unsupportedContent(userJid, offer.from(), "a file (" + offer.fileName() + ")");
    }

    /** A group conversation began (see {@link org.imbridge.core.network.SessionListener#onGroupChatStarted}). */
    void groupChatStarted(String userJid, String groupId, List<Participant> participants);

    /** Someone joined a group conversation. */
    void groupParticipantJoined(String userJid, String groupId, Participant participant);

    /** Someone left a group conversation. */
    void groupParticipantLeft(String userJid, String groupId, LegacyAddress participant, boolean idle);

    /** A message in a group conversation. */
    void groupMessage(String userJid, String groupId, LegacyAddress from, String text);

    /** Typing in a group conversation. */
    void groupChatState(String userJid, String groupId, LegacyAddress from, ChatState state);

    /** A group conversation is over; {@code reason} in words for the user. */
    void groupChatEnded(String userJid, String groupId, String reason);

    /**
     * The user came online here, but another transport instance took the user's session moments ago
     * and keeps it for now (see {@link org.imbridge.core.cluster.SessionOwnership#claim}): ask the user's
     * presence again a little later, so that the instance the XMPP server routes the user to by then
     * takes the session.
     */
    default void sessionElsewhere(String userJid) {
    }

    /** The user's block list changed on the network. */
    default void blockListChanged(String userJid, LegacyAddress contact, boolean blocked) {
    }
}
