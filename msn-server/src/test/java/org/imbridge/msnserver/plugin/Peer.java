package org.imbridge.msnserver.plugin;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.DisconnectReason;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * A contact played by a plain MSNP client session (no bridge): joins every conversation it is
 * invited to, opens its own, changes status and lists.
 */
final class Peer implements NotificationListener {

    private final String handle;
    private final List<PeerConversation> conversations = new CopyOnWriteArrayList<>();
    private final List<DisconnectReason> disconnects = new CopyOnWriteArrayList<>();
    private volatile NotificationSession ns;

    Peer(String handle) {
        this.handle = handle;
    }

    void attach(NotificationSession session) {
        ns = session;
    }

    String handle() {
        return handle;
    }

    NotificationSession session() {
        return ns;
    }

    /** Every conversation so far, the ones it was invited to and the ones it opened, in order. */
    List<PeerConversation> conversations() {
        return List.copyOf(conversations);
    }

    List<DisconnectReason> disconnects() {
        return List.copyOf(disconnects);
    }

    void status(MsnStatus status) {
        join(ns.changeStatus(status));
    }

    void addToList(ListType list, String contact) {
        join(ns.addContact(list, contact, contact, null));
    }

    void logout() {
        join(ns.logout());
    }

    /** Opens a conversation and invites {@code invitees} one after the other, each having joined. */
    PeerConversation open(String... invitees) {
        PeerConversation c = new PeerConversation(handle);
        conversations.add(c);
        c.attach(join(ns.openSwitchboard(c)));
        for (String invitee : invitees) {
            c.invite(invitee);
        }
        return c;
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        PeerConversation c = new PeerConversation(handle);
        conversations.add(c);
        invitation.accept(c).thenAccept(c::attach);
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        disconnects.add(reason);
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(EventRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
