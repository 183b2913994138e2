package org.imbridge.msn.plugin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import org.imbridge.core.files.OutgoingFile;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.logging.LogContext;
import org.imbridge.core.model.AccountSettings;
import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.ContactCard;
import org.imbridge.core.model.DeliveryFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.DisconnectReason;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.network.SessionListener;
import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.EmailNotification;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SystemMessage;
import org.imbridge.msn.plugin.files.InvitationLink;
import org.imbridge.msn.plugin.files.MsnFileTransfers;
import org.imbridge.msn.plugin.files.TransferIo;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpNames;

/**
 * One user's MSN session as a {@link LegacySession}, used once: logs in, reports the forward list
 * ({@link ContactBook}), goes to the user's status, reports contacts' ILN/NLN/FLN as presences, turns
 * reverse-list entries nobody decided on into authorization requests, chats through
 * {@link Conversations} one to one and in groups (multi-party switchboards, docs/msnp.md §14), turns
 * typing notices into chat states ({@link IncomingTyping}, {@link GroupTyping}) and edits lists
 * through {@link ListEdits}, and transfers files through {@link MsnFileTransfers}. Events that arrive before the login has completed are covered by
 * the complete report the login makes.
 */
final class MsnLegacySession implements LegacySession, NotificationListener, Conversations.Events {

    /** What exists once logged in. */
    private record Online(NotificationSession ns, Conversations conversations, ListEdits edits, MsnFileTransfers files) {
        void close() {
            files.close();
            conversations.closeAll("You logged out of MSN");
            ns.logout();
        }
    }

    private final MsnClient client;
    private final LoginGate logins;
    private final InetSocketAddress dispatch;
    private final LegacyCredentials credentials;
    private final SessionListener listener;
    private final MsnPluginSettings settings;
    private final TransferIo transferIo;
    /** The configured address for file offers, resolved; {@code null}: the notification connection's. */
    private final InetAddress advertised;
    private final ContactBook book;
    private final BlockList blocked;
    private final IncomingTyping typing;
    private final GroupTyping groupTyping;
    private final AtomicBoolean loginStarted = new AtomicBoolean();
    private volatile Online online;
    /** Set by logout (or a login that failed half-way): the end of the session is not reported. */
    private volatile boolean quiet;
    /** The logging context of the code that logged in, for what the adapter's own timer reports. */
    private volatile LogContext logContext = LogContext.EMPTY;

    MsnLegacySession(MsnClient client, LoginGate logins, InetSocketAddress dispatch, LegacyCredentials credentials,
                     SessionListener listener, ScheduledExecutorService scheduler, MsnPluginSettings settings,
                     TransferIo transferIo, InetAddress advertised) {
        this.client = client;
        this.logins = logins;
        this.dispatch = dispatch;
        this.credentials = credentials;
        this.listener = listener;
        this.settings = settings;
        this.transferIo = transferIo;
        this.advertised = advertised;
        this.book = new ContactBook(listener);
        this.blocked = new BlockList(listener);
        this.typing = new IncomingTyping(scheduler, settings.typingExpiry(),
                (handle, state) -> logContext.run(() -> listener.onChatState(LegacyAddress.of(handle), state)));
        this.groupTyping = new GroupTyping(scheduler, settings.typingExpiry(), (groupId, handle, state) ->
                logContext.run(() -> listener.onGroupChatState(groupId, LegacyAddress.of(handle), state)));
    }

    @Override
    public CompletionStage<Void> login(Presence initialPresence) {
        if (quiet || !loginStarted.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new LoginFailure(LoginFailure.Kind.REFUSED,
                    "This MSN session was already used; open a new one"));
        }
        logContext = LogContext.capture();
        CompletionStage<NotificationSession> login;
        try {
            login = logins.submit(() -> quiet
                    ? CompletableFuture.failedFuture(new IllegalStateException("logged out before the login started"))
                    : client.login(credentials.account().value(), credentials.password(), dispatch, this));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(MsnFailures.login(e));
        }
        return login
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(MsnFailures.login(e)))
                .thenCompose(session -> loggedIn(session, MsnPresenceMapping.toStatus(initialPresence)));
    }

    private CompletionStage<Void> loggedIn(NotificationSession session, MsnStatus status) {
        Conversations conversations = new Conversations(session, this, settings);
        MsnFileTransfers files = new MsnFileTransfers(session.ownHandle(),
                advertised != null ? advertised : session.localAddress(), settings.files(), transferIo,
                handle -> message -> conversations.sendInvitation(handle, message),
                offer -> logContext.run(() -> listener.onFileOffer(offer)));
        Online now = new Online(session, conversations, new ListEdits(session), files);
        online = now;
        if (quiet) {
            now.close();
            return CompletableFuture.failedFuture(new LoginFailure(LoginFailure.Kind.REFUSED, "Logged out while logging in"));
        }
        ContactList list = session.contactList();
        book.reportAll(list);
        blocked.reset(list);
        for (org.imbridge.msn.client.Contact c : list.list(ListType.RL)) {
            askIfUndecided(now, list, c.handle(), c.friendlyName());
        }
        return session.changeStatus(status).handle((v, e) -> {
            if (e != null) {
                quiet = true;
                now.close();
                throw new CompletionException(MsnFailures.login(e));
            }
            listener.onOnline();
            return null;
        });
    }

    @Override
    public CompletionStage<Void> setPresence(Presence presence) {
        Online o = online;
        return o == null ? notConnected() : o.ns().changeStatus(MsnPresenceMapping.toStatus(presence));
    }

    @Override
    public CompletionStage<Void> setDisplayName(String name) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        try {
            return o.ns().setFriendlyName(name);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                    "MSN cannot use this name: " + e.getMessage()));
        }
    }

    @Override
    public CompletionStage<Void> sendMessage(LegacyAddress to, String text, boolean confirm) {
        return toContact(to, (conversations, handle) -> conversations.send(handle, text));
    }

    /**
     * A nudge, through the one-to-one conversation like text, with ack mode A so that a refusal
     * fails the request; MSNP7 clients show it as plain text or not at all.
     */
    @Override
    public CompletionStage<Void> sendAttention(LegacyAddress to) {
        return toContact(to, Conversations::nudge);
    }

    /** Runs {@code send} on the one-to-one conversations when online and {@code to} is an MSN account. */
    private CompletionStage<Void> toContact(LegacyAddress to, BiFunction<Conversations, String, CompletionStage<Void>> send) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        if (!MsnpNames.isValidHandle(to.value())) {
            return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                    to.value() + " is not an MSN account"));
        }
        return send.apply(o.conversations(), to.value());
    }

    /** COMPOSING becomes a TypingUser notice (throttled); MSN has no other chat states. */
    @Override
    public void sendChatState(LegacyAddress to, ChatState state) {
        Online o = online;
        if (o == null || state != ChatState.COMPOSING || !MsnpNames.isValidHandle(to.value())) {
            return;
        }
        boolean knownOffline = o.ns().contactList().contact(to.value())
                .map(c -> c.isOn(ListType.FL) && !c.status().isVisible()).orElse(false);
        if (!knownOffline) {
            o.conversations().typing(to.value());
        }
    }

    // ---- group conversations ----

    @Override
    public CompletionStage<String> openGroupChat(LegacyAddress first) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        if (!MsnpNames.isValidHandle(first.value())) {
            return notAnAccount(first);
        }
        return o.conversations().openGroup(first.value());
    }

    @Override
    public CompletionStage<Void> inviteToGroupChat(String groupId, LegacyAddress contact) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        if (!MsnpNames.isValidHandle(contact.value())) {
            return notAnAccount(contact);
        }
        return o.conversations().invite(groupId, contact.value());
    }

    @Override
    public CompletionStage<Void> sendGroupMessage(String groupId, String text) {
        Online o = online;
        return o == null ? notConnected() : o.conversations().sendToGroup(groupId, text);
    }

    /** COMPOSING becomes a TypingUser notice (throttled), as one to one. */
    @Override
    public void sendGroupChatState(String groupId, ChatState state) {
        Online o = online;
        if (o != null && state == ChatState.COMPOSING) {
            o.conversations().typingInGroup(groupId);
        }
    }

    @Override
    public void leaveGroupChat(String groupId) {
        Online o = online;
        if (o != null) {
            groupTyping.forget(groupId);
            o.conversations().leave(groupId);
        }
    }

    @Override
    public CompletionStage<Void> addContact(LegacyAddress contact, String displayName, String group) {
        Online o = online;
        return o == null ? notConnected()
                : o.edits().add(contact.value(), displayName, group).thenRun(() -> book.reportChanges(o.ns().contactList()));
    }

    @Override
    public CompletionStage<Void> removeContact(LegacyAddress contact) {
        Online o = online;
        return o == null ? notConnected()
                : o.edits().remove(contact.value()).thenRun(() -> book.reportChanges(o.ns().contactList()));
    }

    @Override
    public CompletionStage<ContactCard> contactCard(LegacyAddress contact) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        return o.ns().contactList().contact(contact.value())
                .filter(c -> c.isOn(ListType.FL))
                .map(c -> CompletableFuture.completedFuture(ContactCards.of(c)))
                .orElseGet(() -> CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.NOT_ACCEPTABLE,
                        contact.value() + " is not on your MSN contact list")));
    }

    @Override
    public CompletionStage<Void> setContactGroups(LegacyAddress contact, Set<String> groups) {
        Online o = online;
        return o == null ? notConnected()
                : new GroupEdits(o.ns()).setGroups(contact.value(), groups)
                        .thenRun(() -> book.reportChanges(o.ns().contactList()));
    }

    @Override
    public CompletionStage<Void> authorize(LegacyAddress contact, boolean allow) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        return (allow ? o.edits().allow(contact.value()) : o.edits().block(contact.value()))
                .thenRun(() -> blocked.reportChanges(o.ns().contactList()));
    }

    // ---- blocking: BL, with AL and BL exclusive (docs/msnp.md §5.1, §5.5) ----

    @Override
    public CompletionStage<Set<LegacyAddress>> blockList() {
        Online o = online;
        return o == null ? notConnected() : CompletableFuture.completedFuture(BlockList.blocked(o.ns().contactList()));
    }

    /** Off AL, onto BL. */
    @Override
    public CompletionStage<Void> block(LegacyAddress contact) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        if (!MsnpNames.isValidHandle(contact.value())) {
            return notAnAccount(contact);
        }
        return o.edits().block(contact.value()).thenRun(() -> blocked.reportChanges(o.ns().contactList()));
    }

    /** Off BL, onto AL: allowed even when the user's BLP lets only AL see them. */
    @Override
    public CompletionStage<Void> unblock(LegacyAddress contact) {
        Online o = online;
        if (o == null) {
            return notConnected();
        }
        if (!MsnpNames.isValidHandle(contact.value())) {
            return notAnAccount(contact);
        }
        return o.edits().allow(contact.value()).thenRun(() -> blocked.reportChanges(o.ns().contactList()));
    }

    @Override
    public CompletionStage<AccountSettings> settings() {
        Online o = online;
        return o == null ? notConnected() : CompletableFuture.completedFuture(new AccountSettingsEdits(o.ns()).current());
    }

    @Override
    public CompletionStage<Void> changeSettings(AccountSettings wanted) {
        Online o = online;
        return o == null ? notConnected() : new AccountSettingsEdits(o.ns()).change(wanted);
    }

    // ---- files (docs/msnp.md §18) ----

    @Override
    public CompletionStage<Long> acceptFile(String offerId, Path destination) {
        Online o = online;
        return o == null ? notConnectedForFiles() : o.files().accept(offerId, destination);
    }

    @Override
    public void declineFile(String offerId, TransferFailure.Reason why) {
        Online o = online;
        if (o != null) {
            o.files().decline(offerId, why);
        }
    }

    /** Always through the one-to-one conversation: MSN clients negotiate invitations one to one. */
    @Override
    public CompletionStage<Void> sendFile(LegacyAddress to, OutgoingFile file) {
        Online o = online;
        if (o == null) {
            return notConnectedForFiles();
        }
        if (!MsnpNames.isValidHandle(to.value())) {
            return CompletableFuture.failedFuture(new TransferFailure(TransferFailure.Reason.UNSUPPORTED,
                    to.value() + " is not an MSN account"));
        }
        return o.files().send(to.value(), file);
    }

    private static <T> CompletionStage<T> notConnectedForFiles() {
        return CompletableFuture.failedFuture(new TransferFailure(TransferFailure.Reason.CONNECTION_FAILED,
                "Not connected to MSN"));
    }

    @Override
    public void logout() {
        quiet = true;
        typing.stop();
        groupTyping.stop();
        Online o = online;
        if (o != null) {
            o.close();
        }
    }

    // ---- NotificationListener ----

    @Override
    public void onContactListChanged(ContactList list) {
        if (online != null) {
            book.reportChanges(list);
            blocked.reportChanges(list);
        }
    }

    @Override
    public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
        LegacyAddress address = LegacyAddress.of(handle);
        Presence presence = MsnPresenceMapping.toPresence(status);
        listener.onContactPresence(address, presence);
        if (online != null) {
            book.reportName(address, friendlyName, presence);
        }
    }

    @Override
    public void onAddedBy(String handle, String friendlyName) {
        Online o = online;
        if (o != null) {
            askIfUndecided(o, o.ns().contactList(), handle, friendlyName);
        }
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        Online o = online;
        if (o != null) {
            o.conversations().accept(invitation);
        }
    }

    @Override
    public void onEmailNotification(EmailNotification notification) {
        MsnNotices.email(notification).ifPresent(listener::onNotice);
    }

    @Override
    public void onSystemMessage(SystemMessage message) {
        listener.onNotice(MsnNotices.system(message));
    }

    @Override
    public void onDisconnected(org.imbridge.msn.client.DisconnectReason reason) {
        typing.stop();
        groupTyping.stop();
        Online o = online;
        if (o != null) {
            o.files().close();
            o.conversations().closeAll("The connection to MSN was lost");
        }
        if (quiet) {
            return;
        }
        listener.onDisconnected(switch (reason) {
            case LOGGED_OUT -> DisconnectReason.LOGGED_OUT;
            case LOGGED_IN_ELSEWHERE -> DisconnectReason.LOGGED_IN_ELSEWHERE;
            case SERVER_SHUTDOWN -> DisconnectReason.SERVER_SHUTDOWN;
            case PROTOCOL_ERROR -> DisconnectReason.PROTOCOL_ERROR;
            case TRANSFERRED, CONNECTION_LOST, FLOODED -> DisconnectReason.CONNECTION_LOST;
        });
    }

    // ---- Conversations.Events ----

    @Override
    public void message(String handle, String text, String threadId) {
        typing.messageFrom(handle);
        listener.onMessage(LegacyAddress.of(handle), text, threadId);
    }

    @Override
    public void typing(String handle) {
        typing.noticeFrom(handle);
    }

    @Override
    public void attention(String handle) {
        listener.onAttention(LegacyAddress.of(handle));
    }

    @Override
    public void unsupported(String handle, String what) {
        listener.onUnsupportedContent(LegacyAddress.of(handle), what);
    }

    @Override
    public void invitation(String handle, MimeMessage message, InvitationLink replies) {
        Online o = online;
        if (o != null) {
            o.files().received(handle, message, replies);
        }
    }

    @Override
    public void groupStarted(String groupId, List<Participant> participants) {
        listener.onGroupChatStarted(groupId, participants.stream().map(this::withCurrentName).toList());
    }

    @Override
    public void groupParticipantJoined(String groupId, Participant participant) {
        listener.onGroupParticipantJoined(groupId, withCurrentName(participant));
    }

    @Override
    public void groupParticipantLeft(String groupId, String handle, boolean idle) {
        groupTyping.messageFrom(groupId, handle);
        listener.onGroupParticipantLeft(groupId, LegacyAddress.of(handle), idle);
    }

    @Override
    public void groupMessage(String groupId, String handle, String text) {
        groupTyping.messageFrom(groupId, handle);
        listener.onGroupMessage(groupId, LegacyAddress.of(handle), text);
    }

    @Override
    public void groupTyping(String groupId, String handle) {
        groupTyping.noticeFrom(groupId, handle);
    }

    @Override
    public void groupEnded(String groupId, String reason) {
        groupTyping.forget(groupId);
        listener.onGroupChatEnded(groupId, reason);
    }

    // ---- helpers ----

    /**
     * The name a participant has on the user's list now, when it is there: the switchboard's may be
     * stale (docs/msnp.md §14).
     */
    private Participant withCurrentName(Participant p) {
        Online o = online;
        if (o == null) {
            return p;
        }
        return o.ns().contactList().contact(p.address().value())
                .filter(c -> c.isOn(ListType.FL) && c.friendlyName() != null && !c.friendlyName().isBlank())
                .map(c -> new Participant(p.address(), c.friendlyName()))
                .orElse(p);
    }

    private static <T> CompletionStage<T> notAnAccount(LegacyAddress who) {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.RECIPIENT_UNAVAILABLE,
                who.value() + " is not an MSN account"));
    }

    /**
     * Someone has the user on their list and the user has neither allowed nor blocked them: with GTC A
     * the user is asked, with GTC N they are allowed without asking, as MSN Messenger does
     * (docs/msnp.md §5.1 GTC); should that fail, the user is asked after all.
     */
    private void askIfUndecided(Online o, ContactList list, String handle, String friendlyName) {
        boolean decided = list.contact(handle).map(c -> c.isOn(ListType.AL) || c.isOn(ListType.BL)).orElse(false);
        if (decided) {
            return;
        }
        if (new AccountSettingsEdits(o.ns()).allowsNewWatchers()) {
            o.edits().allow(handle).whenComplete((v, e) -> {
                if (e != null) {
                    logContext.run(() -> listener.onAuthorizationRequest(LegacyAddress.of(handle), friendlyName));
                }
            });
        } else {
            listener.onAuthorizationRequest(LegacyAddress.of(handle), friendlyName);
        }
    }

    private static <T> CompletionStage<T> notConnected() {
        return CompletableFuture.failedFuture(new DeliveryFailure(DeliveryFailure.Kind.SESSION_DOWN, "Not connected to MSN"));
    }
}
