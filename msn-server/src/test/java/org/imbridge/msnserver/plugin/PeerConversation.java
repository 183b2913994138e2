package org.imbridge.msnserver.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvalidInvitationException;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;

/** One switchboard of a {@link Peer}: what it heard, in order, and what it says. */
final class PeerConversation implements SwitchboardListener {

    sealed interface Heard {
    }

    record Said(String from, String text) implements Heard {
    }

    record Typed(String from) implements Heard {
    }

    record Nudged(String from) implements Heard {
    }

    record Joined(String who) implements Heard {
    }

    record Left(String who) implements Heard {
    }

    /** A file-transfer invitation message (parsed), or {@code null} when it did not parse. */
    record Invited(String from, FileInvitation invitation) implements Heard {
    }

    private final String owner;
    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private volatile SwitchboardSession sb;
    private volatile boolean closed;

    PeerConversation(String owner) {
        this.owner = owner;
    }

    void attach(SwitchboardSession session) {
        sb = session;
    }

    List<Heard> heard() {
        return List.copyOf(heard);
    }

    List<String> texts() {
        return heard.stream().filter(Said.class::isInstance).map(h -> ((Said) h).text()).toList();
    }

    long typingNotices() {
        return heard.stream().filter(Typed.class::isInstance).count();
    }

    boolean isClosed() {
        return closed;
    }

    /** Waits until {@code count} texts have arrived. */
    List<String> awaitTexts(int count) {
        return Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(this::texts, t -> t.size() >= count);
    }

    void invite(String handle) {
        Peer.join(session().invite(handle));
    }

    void say(String text) {
        Peer.join(session().sendText(text, AckMode.A));
    }

    /** Sends one prepared MSG payload, e.g. a part of a chunked message, and waits for its ACK. */
    void send(MimeMessage payload) {
        Peer.join(session().sendMessage(payload, AckMode.A));
    }

    void typing() {
        Peer.join(session().sendTyping());
    }

    void leave() {
        Peer.join(session().close());
    }

    SwitchboardSession session() {
        return Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> sb, s -> s != null);
    }

    @Override
    public void onMessage(String handle, String friendlyName, MimeMessage message) {
        heard.add(new Said(handle, message.bodyText()));
    }

    @Override
    public void onTyping(String handle) {
        heard.add(new Typed(handle));
    }

    @Override
    public void onNudge(String handle) {
        heard.add(new Nudged(handle));
    }

    @Override
    public void onInvitation(String handle, MimeMessage message) {
        FileInvitation parsed;
        try {
            parsed = FileInvitation.fromMessage(message);
        } catch (InvalidInvitationException e) {
            parsed = null;
        }
        heard.add(new Invited(handle, parsed));
    }

    /** Waits for the first invitation message whose command is {@code command}. */
    FileInvitation awaitInvitation(InvitationCommand command) {
        return Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> heard.stream().filter(Invited.class::isInstance).map(h -> ((Invited) h).invitation())
                        .filter(i -> i != null && i.command() == command).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void onParticipantJoined(String handle, String friendlyName) {
        heard.add(new Joined(handle));
    }

    @Override
    public void onParticipantLeft(String handle, boolean idleTimeout) {
        heard.add(new Left(handle));
    }

    /** Waits until {@code handle} has left this conversation. */
    void awaitLeft(String handle) {
        Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> heard.contains(new Left(handle)));
    }

    /** Waits until {@code handle} has joined this conversation (after we were in it). */
    void awaitJoined(String handle) {
        Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> heard.contains(new Joined(handle)));
    }

    @Override
    public void onClosed() {
        closed = true;
    }

    @Override
    public String toString() {
        return "PeerConversation[" + owner + ", " + heard.size() + " heard]";
    }
}
