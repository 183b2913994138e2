package org.imbridge.xmpp.gateway.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.imbridge.core.model.Presence;
import org.imbridge.core.session.LinkState;
import org.imbridge.core.session.SessionManager;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.Jid;

/**
 * With several instances, a user's first stanza here may be a message: the XMPP server moved the user
 * to this instance (another one joined, left or died) and the user wrote before anyone asked for their
 * presence. The sending resource is online, so the message starts the user's session here as that
 * resource's available presence would (the message waits in the session's queue until the login is
 * done), and the user's server is asked for their real presence. Messages of a user whose session is
 * being started wait for it, in order.
 */
public final class SessionAdoption {

    private final SessionManager sessions;
    private final Consumer<String> probe;
    private final Map<String, CompletableFuture<Void>> starting = new ConcurrentHashMap<>();

    /**
     * @param sessions the sessions here
     * @param probe    sends a presence probe from the transport to a user's bare JID
     */
    public SessionAdoption(SessionManager sessions, Consumer<String> probe) {
        this.sessions = sessions;
        this.probe = probe;
    }

    /**
     * Handles {@code message} with {@code handler}, at once if the sender has a session here, else once
     * the session was started.
     */
    public void handle(Message message, Consumer<Message> handler) {
        Jid from = message.getFrom();
        if (from == null || !from.hasLocalpart() || from.getResourceOrNull() == null) {
            handler.accept(message);
            return;
        }
        String user = from.asBareJid().toString();
        if (!starting.containsKey(user) && sessions.user(user).filter(u -> u.state() != LinkState.OFFLINE).isPresent()) {
            handler.accept(message);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = starting.put(user, done);
        CompletableFuture<Void> before = previous != null ? previous
                : start(user, from.getResourceOrEmpty().toString());
        before.handle((v, e) -> null).thenRun(() -> handler.accept(message)).whenComplete((v, e) -> {
            starting.remove(user, done);
            done.complete(null);
        });
    }

    private CompletableFuture<Void> start(String user, String resource) {
        return sessions.resourcePresence(user, resource, Presence.AVAILABLE, 0).toCompletableFuture()
                .thenAccept(registered -> {
                    if (registered) {
                        probe.accept(user);
                    }
                });
    }
}
