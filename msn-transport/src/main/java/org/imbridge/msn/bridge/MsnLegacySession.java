package org.imbridge.msn.bridge;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.SessionListener;
import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnErrorException;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SystemMessage;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpError;

/**
 * One user's MSN session as a {@link LegacySession}: logs in, goes to the user's status, reports the
 * forward list as contacts and their ILN/NLN/FLN as presences, turns ADD RL into authorization
 * requests, and chats through {@link Conversations}. Typing notices from MSN become
 * {@link ChatState#COMPOSING}, followed by {@link ChatState#PAUSED} when they stop for six seconds.
 */
final class MsnLegacySession implements LegacySession, NotificationListener, Conversations.Events {

    /** MSN clients repeat typing notices every ~5 s; Gaim expires them after 6 s (reference §8.2). */
    private static final long TYPING_EXPIRY_MS = 6_000;

    private final MsnClient client;
    private final LoginGate logins;
    private final InetSocketAddress dispatch;
    private final LegacyCredentials credentials;
    private final SessionListener listener;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ScheduledFuture<?>> typingExpiry = new ConcurrentHashMap<>();
    private final Map<String, MsnStatus> statuses = new ConcurrentHashMap<>();

    private volatile NotificationSession ns;
    private volatile Conversations conversations;
    private volatile boolean loggedOut;

    MsnLegacySession(MsnClient client, LoginGate logins, InetSocketAddress dispatch, LegacyCredentials credentials,
                     SessionListener listener, ScheduledExecutorService scheduler) {
        this.client = client;
        this.logins = logins;
        this.dispatch = dispatch;
        this.credentials = credentials;
        this.listener = listener;
        this.scheduler = scheduler;
    }

    @Override
    public CompletionStage<Void> login(Presence initialPresence) {
        CompletionStage<NotificationSession> login = logins.submit(() -> loggedOut
                ? CompletableFuture.failedFuture(new IllegalStateException("logged out before the login started"))
                : client.login(credentials.account().value(), credentials.password(), dispatch, this));
        return login
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(MsnFailures.login(e)))
                .thenCompose(session -> {
                    ns = session;
                    conversations = new Conversations(session, this, 50);
                    if (loggedOut) {
                        session.logout();
                        return CompletableFuture.failedFuture(new IllegalStateException("logged out during login"));
                    }
                    listener.onContactList(contacts(session.contactList()));
                    promptForUnansweredRequests(session.contactList());
                    return session.changeStatus(MsnPresenceMapping.toStatus(initialPresence));
                })
                .thenRun(listener::onOnline);
    }

    @Override
    public CompletionStage<Void> setPresence(Presence presence) {
        NotificationSession session = ns;
        return session == null ? notConnected() : session.changeStatus(MsnPresenceMapping.toStatus(presence));
    }

    @Override
    public CompletionStage<Void> setDisplayName(String name) {
        NotificationSession session = ns;
        return session == null ? notConnected() : session.setFriendlyName(name);
    }

    @Override
    public CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm) {
        Conversations c = conversations;
        if (c == null) {
            return notConnected();
        }
        return c.send(to.value(), text);
    }

    @Override
    public void sendChatState(LegacyAddress to, ChatState state) {
        Conversations c = conversations;
        if (c != null && state == ChatState.COMPOSING) {
            c.typing(to.value());
        }
    }

    @Override
    public CompletionStage<Void> addContact(LegacyAddress contact, String displayName, String group) {
        NotificationSession session = ns;
        if (session == null) {
            return notConnected();
        }
        String name = displayName == null || displayName.isBlank() ? contact.value() : displayName;
        Integer groupId = groupId(session.contactList(), group);
        return ignoring(session.addContact(ListType.FL, contact.value(), name, groupId), MsnpError.ALREADY_THERE)
                .thenCompose(v -> allow(session, contact, name));
    }

    @Override
    public CompletionStage<Void> removeContact(LegacyAddress contact) {
        NotificationSession session = ns;
        if (session == null) {
            return notConnected();
        }
        return ignoring(session.removeContact(ListType.FL, contact.value(), null), MsnpError.NOT_ON_LIST);
    }

    @Override
    public CompletionStage<Void> authorize(LegacyAddress contact, boolean allow) {
        NotificationSession session = ns;
        if (session == null) {
            return notConnected();
        }
        String name = session.contactList().contact(contact.value())
                .map(org.imbridge.msn.client.Contact::friendlyName).orElse(contact.value());
        return allow ? allow(session, contact, name) : block(session, contact, name);
    }

    @Override
    public void logout() {
        loggedOut = true;
        Conversations c = conversations;
        if (c != null) {
            c.closeAll();
        }
        NotificationSession session = ns;
        if (session != null) {
            session.logout();
        }
        typingExpiry.values().forEach(f -> f.cancel(false));
    }

    // ---- NotificationListener ----

    @Override
    public void onContactListChanged(ContactList list) {
        listener.onContactList(contacts(list));
    }

    @Override
    public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
        statuses.put(handle.toLowerCase(java.util.Locale.ROOT), status);
        listener.onContactPresence(LegacyAddress.of(handle), MsnPresenceMapping.toPresence(status));
    }

    @Override
    public void onAddedBy(String handle, String friendlyName) {
        NotificationSession session = ns;
        boolean decided = session != null && session.contactList().contact(handle)
                .map(c -> c.isOn(ListType.AL) || c.isOn(ListType.BL)).orElse(false);
        if (!decided) {
            listener.onAuthorizationRequest(LegacyAddress.of(handle), friendlyName);
        }
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        Conversations c = conversations;
        if (c != null) {
            c.accept(invitation);
        }
    }

    @Override
    public void onEmailNotification(EmailNotification notification) {
        if (notification instanceof EmailNotification.Initial initial) {
            if (initial.inboxUnread() > 0) {
                listener.onNotice("You have " + initial.inboxUnread() + " unread e-mail"
                        + (initial.inboxUnread() == 1 ? "" : "s") + " in your Hotmail inbox");
            }
        } else if (notification instanceof EmailNotification.NewMail mail) {
            listener.onNotice("New e-mail from " + mail.from()
                    + (mail.fromAddress() == null ? "" : " <" + mail.fromAddress() + ">")
                    + (mail.subject() == null ? "" : ": " + mail.subject()));
        }
    }

    @Override
    public void onSystemMessage(SystemMessage message) {
        listener.onNotice(message.toString());
    }

    @Override
    public void onDisconnected(org.imbridge.msn.client.DisconnectReason reason) {
        Conversations c = conversations;
        if (c != null) {
            c.closeAll();
        }
        if (loggedOut) {
            return;
        }
        listener.onDisconnected(switch (reason) {
            case LOGGED_OUT -> DisconnectReason.LOGGED_OUT;
            case LOGGED_IN_ELSEWHERE -> DisconnectReason.LOGGED_IN_ELSEWHERE;
            case SERVER_SHUTDOWN -> DisconnectReason.SERVER_SHUTDOWN;
            case PROTOCOL_ERROR -> DisconnectReason.PROTOCOL_ERROR;
            case TRANSFERRED, CONNECTION_LOST -> DisconnectReason.CONNECTION_LOST;
        });
    }

    // ---- Conversations.Events ----

    @Override
    public void message(String handle, String text, String threadId) {
        ScheduledFuture<?> pending = typingExpiry.remove(key(handle));
        if (pending != null) {
            pending.cancel(false);
        }
        listener.onMessage(LegacyAddress.of(handle), text, threadId);
    }

    @Override
    public void typing(String handle) {
        String k = key(handle);
        ScheduledFuture<?> previous = typingExpiry.put(k, scheduler.schedule(() -> {
            if (typingExpiry.remove(k) != null) {
                listener.onChatState(LegacyAddress.of(handle), ChatState.PAUSED);
            }
        }, TYPING_EXPIRY_MS, TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        } else {
            listener.onChatState(LegacyAddress.of(handle), ChatState.COMPOSING);
        }
    }

    // ---- helpers ----

    private List<Contact> contacts(ContactList list) {
        List<Contact> out = new ArrayList<>();
        for (org.imbridge.msn.client.Contact c : list.list(ListType.FL)) {
            Set<String> groups = new LinkedHashSet<>();
            for (Integer id : c.groupIds()) {
                String name = list.groups().get(id);
                if (name != null && !(id == 0 && list.groups().size() <= 1)) {
                    groups.add(name);
                }
            }
            MsnStatus status = statuses.getOrDefault(key(c.handle()), c.status());
            out.add(new Contact(LegacyAddress.of(c.handle()), c.friendlyName(), groups,
                    MsnPresenceMapping.toPresence(status)));
        }
        return out;
    }

    private void promptForUnansweredRequests(ContactList list) {
        for (org.imbridge.msn.client.Contact c : list.list(ListType.RL)) {
            if (!c.isOn(ListType.AL) && !c.isOn(ListType.BL)) {
                listener.onAuthorizationRequest(LegacyAddress.of(c.handle()), c.friendlyName());
            }
        }
    }

    private CompletionStage<Void> allow(NotificationSession session, LegacyAddress contact, String name) {
        CompletionStage<Void> unblock = session.contactList().contact(contact.value()).map(c -> c.isOn(ListType.BL)).orElse(false)
                ? ignoring(session.removeContact(ListType.BL, contact.value(), null), MsnpError.NOT_ON_LIST)
                : CompletableFuture.completedFuture(null);
        return unblock.thenCompose(v -> ignoring(session.addContact(ListType.AL, contact.value(), name, null),
                MsnpError.ALREADY_THERE));
    }

    private CompletionStage<Void> block(NotificationSession session, LegacyAddress contact, String name) {
        CompletionStage<Void> unallow = session.contactList().contact(contact.value()).map(c -> c.isOn(ListType.AL)).orElse(false)
                ? ignoring(session.removeContact(ListType.AL, contact.value(), null), MsnpError.NOT_ON_LIST)
                : CompletableFuture.completedFuture(null);
        return unallow.thenCompose(v -> ignoring(session.addContact(ListType.BL, contact.value(), name, null),
                MsnpError.ALREADY_THERE));
    }

    private static Integer groupId(ContactList list, String group) {
        if (group == null || group.isBlank()) {
            return null;
        }
        return list.groups().entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(group))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The stage, with the MSN error {@code harmless} (e.g. 215 already there) treated as success. */
    private static CompletionStage<Void> ignoring(CompletionStage<?> stage, MsnpError harmless) {
        return stage.handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Throwable t = MsnFailures.unwrap(e);
            if (t instanceof MsnErrorException m && m.error() == harmless) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.<Void>failedFuture(t);
        }).thenCompose(f -> f);
    }

    private static CompletionStage<Void> notConnected() {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, "Not connected to MSN"));
    }

    private static String key(String handle) {
        return handle.toLowerCase(java.util.Locale.ROOT);
    }
}
