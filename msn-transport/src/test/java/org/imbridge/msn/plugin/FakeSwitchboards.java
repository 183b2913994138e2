package org.imbridge.msn.plugin;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.imbridge.msn.client.ContactList;
import org.imbridge.msn.client.LoginProfile;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * A notification session whose switchboards are fakes the test drives: it decides when an invitee
 * joins ({@link FakeSwitchboard#invited}) and when a message is acknowledged ({@link Sent#ack}).
 * Only what {@link Conversations} uses is implemented.
 */
final class FakeSwitchboards implements NotificationSession {

    /** One MSG the conversation sent, with its mode and the stage the test completes. */
    record Sent(String text, AckMode mode, CompletableFuture<Void> ack) {
    }

    /** A switchboard: invitations and ACKs complete when the test says so (or at once, if configured). */
    static final class FakeSwitchboard implements SwitchboardSession {
        static final String NUDGE = "(nudge)";
        final SwitchboardListener listener;
        final Map<String, CompletableFuture<Void>> invited = new ConcurrentHashMap<>();
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger typingNotices = new AtomicInteger();
        final Map<String, String> participants = Collections.synchronizedMap(new LinkedHashMap<>());
        private final boolean autoAck;
        private final Executor joins;
        volatile boolean open = true;

        FakeSwitchboard(SwitchboardListener listener, boolean autoAck, Executor joins) {
            this.listener = listener;
            this.autoAck = autoAck;
            this.joins = joins;
        }

        List<String> texts() {
            return sent.stream().map(Sent::text).toList();
        }

        /** {@code handle} joins: JOI, then the invitation completes (the client's order). */
        void join(String handle) {
            participants.put(handle, handle);
            listener.onParticipantJoined(handle, handle);
            CompletableFuture<Void> invite = invited.get(handle);
            if (invite != null) {
                invite.complete(null);
            }
        }

        @Override
        public String sessionId() {
            return "1";
        }

        @Override
        public Map<String, String> participants() {
            synchronized (participants) {
                return new LinkedHashMap<>(participants);
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public CompletionStage<Void> invite(String handle) {
            CompletableFuture<Void> joined = invited.computeIfAbsent(handle, h -> new CompletableFuture<>());
            if (joins != null) {
                joins.execute(() -> join(handle));
            }
            return joined;
        }

        @Override
        public CompletionStage<Void> sendText(String text, AckMode mode) {
            Sent s = new Sent(text, mode, new CompletableFuture<>());
            sent.add(s);
            if (autoAck) {
                s.ack().complete(null);
            }
            return s.ack();
        }

        @Override
        public CompletionStage<Void> sendMessage(MimeMessage message, AckMode mode) {
            throw new UnsupportedOperationException();
        }

        /** Recorded among the texts as {@link #NUDGE}. */
        @Override
        public CompletionStage<Void> sendNudge() {
            return sendText(NUDGE, AckMode.A);
        }

        @Override
        public CompletionStage<Void> sendTyping() {
            typingNotices.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> close() {
            if (open) {
                open = false;
                listener.onClosed();
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    final List<FakeSwitchboard> opened = new CopyOnWriteArrayList<>();
    private final boolean autoAck;
    private final Function<FakeSwitchboard, CompletionStage<SwitchboardSession>> opening;
    private final Executor joins;

    /** Switchboards open at once; ACKs and joins wait for the test. */
    FakeSwitchboards() {
        this(false, CompletableFuture::completedFuture, null);
    }

    /** Switchboards open at once and ACK at once; joins wait for the test. */
    static FakeSwitchboards acknowledging() {
        return new FakeSwitchboards(true, CompletableFuture::completedFuture, null);
    }

    /**
     * @param autoAck every MSG is acknowledged at once
     * @param opening when an opened switchboard is handed over
     * @param joins   where invitees join by themselves; {@code null}: when the test calls {@link FakeSwitchboard#join}
     */
    FakeSwitchboards(boolean autoAck, Function<FakeSwitchboard, CompletionStage<SwitchboardSession>> opening,
                     Executor joins) {
        this.autoAck = autoAck;
        this.opening = opening;
        this.joins = joins;
    }

    @Override
    public CompletionStage<SwitchboardSession> openSwitchboard(SwitchboardListener listener) {
        FakeSwitchboard sb = new FakeSwitchboard(listener, autoAck, joins);
        opened.add(sb);
        return opening.apply(sb);
    }

    @Override
    public InetAddress localAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String ownHandle() {
        return "alice@hotmail.com";
    }

    @Override
    public String friendlyName() {
        return "Alice";
    }

    @Override
    public MsnStatus status() {
        return MsnStatus.NLN;
    }

    @Override
    public int protocolVersion() {
        return 7;
    }

    @Override
    public ContactList contactList() {
        return ContactList.EMPTY;
    }

    @Override
    public LoginProfile profile() {
        return LoginProfile.EMPTY;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public CompletionStage<Void> changeStatus(MsnStatus status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> setFriendlyName(String friendlyName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> setPrivacyMode(org.imbridge.msn.client.PrivacyMode mode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> setReverseListPrompt(org.imbridge.msn.client.ReverseListPrompt prompt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ContactList> addContact(ListType list, String handle, String friendlyName, Integer groupId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ContactList> removeContact(ListType list, String handle, Integer groupId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ContactList> addGroup(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> logout() {
        throw new UnsupportedOperationException();
    }
}
