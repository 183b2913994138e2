package org.imbridge.core.network;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.DeliveryFailure;
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

    /** Asks for {@code to}'s attention (MSN's nudge); completes when the network has accepted it. */
    default CompletionStage<Void> sendAttention(LegacyAddress to) {
        return unsupported("asking for attention");
    }

    /**
     * Opens a group conversation by inviting its first contact; more are added with
     * {@link #inviteToGroupChat}. {@link SessionListener#onGroupChatStarted} follows once it is up.
     *
     * @return the new conversation's {@code groupId}, once {@code first} has joined
     */
    default CompletionStage<String> openGroupChat(LegacyAddress first) {
        return unsupported("group conversations");
    }

    /** Invites {@code contact} into a group conversation; completes once they joined. */
    default CompletionStage<Void> inviteToGroupChat(String groupId, LegacyAddress contact) {
        return unsupported("group conversations");
    }

    /** Sends a message to everyone in a group conversation. */
    default CompletionStage<Void> sendGroupMessage(String groupId, String text) {
        return unsupported("group conversations");
    }

    /** Tells a group conversation about the user's typing; best effort. */
    default void sendGroupChatState(String groupId, ChatState state) {
    }

    /** The user leaves a group conversation (no {@link SessionListener#onGroupChatEnded} follows); idempotent. */
    default void leaveGroupChat(String groupId) {
    }

    /** The accounts the user has blocked: they cannot see the user nor write to them. */
    default CompletionStage<Set<LegacyAddress>> blockList() {
        return unsupported("blocking");
    }

    /** Blocks {@code contact} (on the contact list or not); idempotent. */
    default CompletionStage<Void> block(LegacyAddress contact) {
        return unsupported("blocking");
    }

    /** Unblocks {@code contact}: they may see the user again as the user's settings say; idempotent. */
    default CompletionStage<Void> unblock(LegacyAddress contact) {
        return unsupported("blocking");
    }

    /**
     * Puts {@code contact} (on the user's list) in exactly {@code groups}, creating groups that do not
     * exist; an empty set means no group. {@link SessionListener#onContactUpdated} follows.
     */
    default CompletionStage<Void> setContactGroups(LegacyAddress contact, Set<String> groups) {
        return unsupported("contact groups");
    }

    /** What the network tells about {@code contact} (on the user's list). */
    default CompletionStage<ContactCard> contactCard(LegacyAddress contact) {
        return unsupported("contact details");
    }

    /** The user's own display name and privacy settings, as the network has them. */
    default CompletionStage<AccountSettings> settings() {
        return unsupported("account settings");
    }

    /** Changes what differs between {@code settings} and the network's; completes when it accepted all. */
    default CompletionStage<Void> changeSettings(AccountSettings settings) {
        return unsupported("account settings");
    }

    /**
     * Accepts a file a contact offered ({@link SessionListener#onFileOffer}) and receives it into
     * {@code destination} (an existing, empty file the caller owns and deletes on failure).
     *
     * @return completes with the bytes received once the whole file is there; fails with a
     *         {@link org.imbridge.core.files.TransferFailure}
     */
    default CompletionStage<Long> acceptFile(String offerId, java.nio.file.Path destination) {
        return unsupported("files");
    }

    /** Declines a file a contact offered; {@code why} says which answer the contact gets. Idempotent. */
    default void declineFile(String offerId, org.imbridge.core.files.TransferFailure.Reason why) {
    }

    /**
     * Offers {@code file} to {@code to} and sends it if they accept.
     *
     * @return completes once the contact has the whole file; fails with a
     *         {@link org.imbridge.core.files.TransferFailure} (declined, timed out, failed)
     */
    default CompletionStage<Void> sendFile(LegacyAddress to, org.imbridge.core.files.OutgoingFile file) {
        return unsupported("files");
    }

    /** Logs out and closes the connection; idempotent. */
    void logout();

    private static <T> CompletionStage<T> unsupported(String what) {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.UNSUPPORTED,
                "This network does not support " + what));
    }
}
