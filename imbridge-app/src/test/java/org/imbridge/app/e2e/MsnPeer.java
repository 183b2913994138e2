package org.imbridge.app.e2e;

import java.nio.file.Path;

import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvalidInvitationException;
import org.imbridge.msn.ftp.MsnftpConnectors;
import org.imbridge.msn.ftp.MsnftpReceiver;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.MsnftpTimeouts;
import org.imbridge.msn.ftp.PortRange;
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
    /** File invitations (INVITE, ACCEPT, CANCEL) this peer received, in order. */
    final List<FileInvitation> invitations = new CopyOnWriteArrayList<>();
    private final MsnClient client = new MsnClient(MsnClientConfig.defaults());
    private final java.util.concurrent.ExecutorService ftpThreads = java.util.concurrent.Executors.newCachedThreadPool();
    private final java.util.concurrent.ScheduledThreadPoolExecutor ftpTimer =
            new java.util.concurrent.ScheduledThreadPoolExecutor(1);
    private volatile org.apache.mina.transport.socket.nio.NioSocketConnector ftpConnector;
    private final List<SwitchboardSession> switchboards = new CopyOnWriteArrayList<>();
    final NotificationSession session;
    private final String handle;

    MsnPeer(BridgeHarness bridge, String handle, String password) throws Exception {
        this.handle = handle;
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

    /** Offers a file of {@code size} bytes named {@code name} to {@code handle}; @return its cookie. */
    long offerFile(String handle, String name, long size) throws Exception {
        long cookie = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, FileInvitation.MAX_COOKIE);
        send(handle, FileInvitation.invite(cookie, name, size).toMessage());
        return cookie;
    }

    /**
     * The receiver accepted offer {@code cookie}: serve {@code file} over MSNFTP on loopback and tell them
     * where (the sender's ACCEPT with IP-Address, Port and AuthCookie).
     */
    MsnftpSender serveFile(String handle, long cookie, Path file) throws Exception {
        long auth = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, FileInvitation.MAX_COOKIE);
        MsnftpSender sender = new MsnftpSender(ftpThreads, client.processorPool(), ftpTimer,
                MsnftpTimeouts.all(BridgeHarness.TIMEOUT), file, handle, auth);
        int port = sender.start(java.net.InetAddress.getLoopbackAddress(), PortRange.ANY);
        send(handle, FileInvitation.acceptWithAddress(cookie, "127.0.0.1", port, auth).toMessage());
        return sender;
    }

    /** Accepts an offer: asks for the sender's address (ACCEPT with {@code Request-Data: IP-Address:}). */
    void acceptFile(String handle, FileInvitation offer) throws Exception {
        send(handle, FileInvitation.acceptRequest(offer.cookie()).toMessage());
    }

    /** Receives the file of {@code offer} from the address in the sender's {@code accept}, into {@code into}. */
    MsnftpReceiver receiveFile(FileInvitation offer, FileInvitation accept, Path into) {
        return receiveFile(offer, accept, into, (receiver, bytes) -> { });
    }

    /** As {@link #receiveFile(FileInvitation, FileInvitation, Path)}, telling {@code progress} of each block. */
    MsnftpReceiver receiveFile(FileInvitation offer, FileInvitation accept, Path into,
                               java.util.function.BiConsumer<MsnftpReceiver, Long> progress) {
        if (ftpConnector == null) {
            ftpConnector = MsnftpConnectors.create(ftpThreads, client.processorPool());
        }
        MsnftpReceiver receiver = new MsnftpReceiver(ftpConnector, ftpTimer, MsnftpTimeouts.all(BridgeHarness.TIMEOUT),
                new java.net.InetSocketAddress(accept.ipAddress(), accept.port()), handle,
                accept.authCookie(), offer.fileSize(), into);
        receiver.onProgress(bytes -> progress.accept(receiver, bytes));
        receiver.start();
        return receiver;
    }

    /** Declines an offer ({@code CANCEL} with {@code REJECT}). */
    void declineFile(String handle, FileInvitation offer) throws Exception {
        send(handle, FileInvitation.cancel(offer.cookie(), CancelCode.REJECT).toMessage());
    }

    @Override
    public void onInvitation(String handle, MimeMessage message) {
        try {
            invitations.add(FileInvitation.fromMessage(message));
        } catch (InvalidInvitationException e) {
            texts.add("(bad invitation: " + e.getMessage() + ")");
        }
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
        if (ftpConnector != null) {
            ftpConnector.dispose(false);
        }
        ftpTimer.shutdownNow();
        ftpThreads.shutdownNow();
        client.close();
    }
}
