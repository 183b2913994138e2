package org.imbridge.core.network;

import java.util.Collection;
import java.util.List;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
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

    /** A contact wants the user's attention (MSN's nudge; XEP-0224 on the XMPP side). */
    default void onAttention(LegacyAddress from) {
    }

    /**
     * A contact sent something this transport cannot show (a wink, a file offer, a voice clip...).
     * The user is told, so that nothing is dropped without a word.
     *
     * @param what a short noun phrase for it, e.g. {@code "a wink"} or {@code "a file (notes.txt)"}
     */
    default void onUnsupportedContent(LegacyAddress from, String what) {
    }

    /**
     * A contact offers the user a file. Answer with {@link LegacySession#acceptFile} or
     * {@link LegacySession#declineFile}; an offer left unanswered is cancelled by the network session
     * after a while. By default the user is told it cannot be shown, and it is declined.
     */
    default void onFileOffer(org.imbridge.core.files.IncomingFile offer) {
        onUnsupportedContent(offer.from(), "a file (" + offer.fileName() + ")");
    }

    // ---- group conversations: a conversation with more than one contact ----

    /**
     * A conversation the user is in now has more than one contact (someone invited a third person, or
     * the user was invited into a conversation of several), or one the user opened with
     * {@link LegacySession#openGroupChat} is up. From now on its events arrive as group events.
     *
     * @param groupId      the network's name for this conversation, unique within the session
     * @param participants everyone in it except the user
     */
    default void onGroupChatStarted(String groupId, List<Participant> participants) {
    }

    /** Someone joined the group conversation. */
    default void onGroupParticipantJoined(String groupId, Participant participant) {
    }

    /** Someone left the group conversation; {@code idle} when the network removed them for inactivity. */
    default void onGroupParticipantLeft(String groupId, LegacyAddress participant, boolean idle) {
    }

    /** A message in the group conversation (to everyone in it). */
    default void onGroupMessage(String groupId, LegacyAddress from, String text) {
    }

    /**
     * The user's block list changed on the network (from another client of the user's, or as the result
     * of {@link LegacySession#block}/{@link LegacySession#unblock}).
     */
    default void onBlockListChanged(LegacyAddress contact, boolean blocked) {
    }

    /** A participant's typing state in the group conversation. */
    default void onGroupChatState(String groupId, LegacyAddress from, ChatState state) {
    }

    /**
     * The group conversation is over for the user (the connection ended, everyone left, or the user
     * left); no more events for {@code groupId}.
     *
     * @param reason why, in words for the user
     */
    default void onGroupChatEnded(String groupId, String reason) {
    }
}
