package org.imbridge.app.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * A plain MSN user on the other side of the bridge, driven by the test: logs in with our client,
 * accepts every switchboard invitation and records what it sees.
 */
final class MsnPeer implements NotificationListener, SwitchboardListener, AutoCloseable {

    final List<String> texts = new CopyOnWriteArrayList<>();
    /** Who nudged this peer, in order. */
    final List<String> nudgedBy = new CopyOnWriteArrayList<>();
    /** Who joined the switchboards this peer is in ({@code JOI}), in order. */
    final List<String> joined = new CopyOnWriteArrayList<>();
    final List<String> typing = new CopyOnWriteArrayList<>();
    final List<String> addedBy = new CopyOnWriteArrayList<>();
    final Map<String, MsnStatus> statuses = new ConcurrentHashMap<>();
    private final MsnClient client = new MsnClient(MsnClientConfig.defaults());
    private final List<SwitchboardSession> switchboards = new CopyOnWriteArrayList<>();
    final NotificationSession session;

    MsnPeer(BridgeHarness bridge, String handle, String password) throws Exception {
        session = client.login(handle, password, bridge.msnDispatch(), this).toCompletableFuture()
                .get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        session.changeStatus(MsnStatus.NLN).toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Changes this user's friendly name (REA, docs/msnp.md §5.6); its watchers see it in an NLN. */
    void rename(String friendlyName) throws Exception {
        session.setFriendlyName(friendlyName).toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Says {@code text} to {@code handle} in a switchboard of its own (or the one already open); null only opens it. */
    void say(String handle, String text) throws Exception {
        SwitchboardSession sb = switchboards.stream().filter(s -> s.isOpen() && s.participants().containsKey(handle))
                .findFirst().orElse(null);
        if (sb == null) {
            sb = session.openSwitchboard(this).toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            sb.invite(handle).toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            switchboards.add(sb);
        }
        if (text != null) {
            sb.sendText(text, AckMode.A).toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Sends {@code message} as it is (any content type, chunked parts) to {@code handle}, in ack mode A. */
    void send(String handle, MimeMessage message) throws Exception {
        say(handle, null);
        switchboardWith(handle).sendMessage(message, AckMode.A).toCompletableFuture()
                .get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    void nudge(String handle) throws Exception {
        say(handle, null);
        switchboardWith(handle).sendNudge().toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Invites {@code newcomer} into the switchboard this peer shares with {@code handle}; waits until they joined. */
    void invite(String handle, String newcomer) throws Exception {
        switchboardWith(handle).invite(newcomer).toCompletableFuture()
                .get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Leaves the switchboard this peer shares with {@code handle} ({@code OUT}). */
    void leave(String handle) throws Exception {
        switchboardWith(handle).close().toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** True once this peer is in an open switchboard with everyone of {@code handles}. */
    boolean inSwitchboardWith(String... handles) {
        return switchboards.stream().anyMatch(s -> s.isOpen()
                && s.participants().keySet().containsAll(java.util.Arrays.asList(handles)));
    }

    private SwitchboardSession switchboardWith(String handle) {
        return switchboards.stream().filter(s -> s.isOpen() && s.participants().containsKey(handle))
                .findFirst().orElseThrow(() -> new AssertionError("no open switchboard with " + handle));
    }

    void typeTo(String handle) throws Exception {
        SwitchboardSession sb = switchboards.stream().filter(s -> s.isOpen() && s.participants().containsKey(handle))
                .findFirst().orElseThrow();
        sb.sendTyping().toCompletableFuture().get(BridgeHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        invitation.accept(this).thenAccept(switchboards::add);
    }

    @Override
    public void onContactPresence(String handle, MsnStatus status, String friendlyName) {
        statuses.put(handle, status);
    }

    @Override
    public void onAddedBy(String handle, String friendlyName) {
        addedBy.add(handle);
    }

    @Override
    public void onMessage(String handle, String friendlyName, MimeMessage message) {
        texts.add(message.bodyText());
    }

    @Override
    public void onNudge(String handle) {
        nudgedBy.add(handle);
    }

    @Override
    public void onParticipantJoined(String handle, String friendlyName) {
        joined.add(handle);
    }

    @Override
    public void onTyping(String handle) {
        typing.add(handle);
    }

    @Override
    public void close() {
        client.close();
    }
}
