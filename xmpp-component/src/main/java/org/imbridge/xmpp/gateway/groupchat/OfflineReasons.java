package org.imbridge.xmpp.gateway.groupchat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.packet.StanzaError;

/**
 * Why a user without a session cannot use a room: not connected (registered) or not registered at
 * all. May look the registration up, so it answers later.
 */
@FunctionalInterface
public interface OfflineReasons {

    /** Says "not connected" to everyone, for rooms that cannot look registrations up (tests). */
    OfflineReasons NOT_CONNECTED = user -> CompletableFuture.completedFuture(
            StanzaError.from(StanzaError.Condition.service_unavailable, "You are not connected; go online first").build());

    /** The error for {@code userJid}, who has no session. */
    CompletionStage<StanzaError> whyOffline(String userJid);
}
