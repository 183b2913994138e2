package org.imbridge.msnserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.future.CloseFuture;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioSession;
import org.imbridge.mina.ShortReadNioProcessor;
import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.ListEntry;
import org.imbridge.msnserver.dispatch.DispatchServerHandler;
import org.imbridge.msnserver.notification.NotificationServer;
import org.imbridge.msnserver.switchboard.SwitchboardServer;
import org.imbridge.msnserver.ticket.SwitchboardTickets;
import org.imbridge.msnserver.wire.Endpoint;
import org.imbridge.msnserver.wire.ProtocolListener;
import org.imbridge.msnserver.wire.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our MSN network (MSNP7): a dispatch, a notification and a switchboard server on MINA, sharing one
 * account directory. Embeddable:
 *
 * <pre>
 * MsnServer server = MsnServer.start(MsnServerConfig.builder()
 *         .accounts(AccountsFile.load(Path.of("config/msn-accounts.yaml")))
 *         .build());
 * InetSocketAddress ds = server.dispatchAddress();   // clients start here
 * …
 * server.stop();                                      // OUT SSD to everyone
 * </pre>
 *
 * The remaining public methods are hooks for tests and demos (state queries, pushes). All are
 * thread-safe.
 */
public final class MsnServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MsnServer.class);
    private static final long SHUTDOWN_FLUSH_MILLIS = 2000;

    private final ServerContext context;
    private final AccountDirectory directory;
    private final NotificationServer notification;
    private final SwitchboardServer switchboard;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final List<ProtocolListener> listeners = new ArrayList<>();
    private ProtocolListener dispatchListener;
    private ProtocolListener notificationListener;
    /** The notification server's own address first, then the extra hosts it is referred to by. */
    private final List<InetSocketAddress> notificationAddresses = new ArrayList<>();
    private ProtocolListener switchboardListener;
    private volatile Endpoint switchboardEndpoint;
    private boolean stopped;

    private MsnServer(MsnServerConfig config) {
        directory = new AccountDirectory(config.forwardListLimit());
        directory.addAll(config.accounts());
        context = new ServerContext(directory.lock(), config.clock());
        SwitchboardTickets tickets = new SwitchboardTickets(context, config.cookieLifetime());
        notification = new NotificationServer(context, directory, tickets, () -> switchboardEndpoint,
                config.challenges());
        switchboard = new SwitchboardServer(context, directory, notification.online(), notification.presence(),
                tickets, () -> switchboardEndpoint, config.switchboardAuthTimeout(), config.switchboardIdleTimeout());
        processors = new SimpleIoProcessorPool<>(ShortReadNioProcessor.class, 2);
    }

    /**
     * Binds the three servers (switchboard, notification, dispatch) and returns the running network.
     *
     * @throws IOException when a port cannot be bound; nothing stays bound then
     * @throws IllegalArgumentException when the accounts break a rule
     */
    public static MsnServer start(MsnServerConfig config) throws IOException {
        MsnServer server = new MsnServer(config);
        try {
            server.bind(config);
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    private void bind(MsnServerConfig config) throws IOException {
        String advertised = config.effectiveAdvertisedHost();
        switchboardListener = listen(new InetSocketAddress(config.host(), config.switchboardPort()), switchboard.handler());
        switchboardEndpoint = new Endpoint(advertised, switchboardListener.localAddress().getPort());
        notificationListener = listen(new InetSocketAddress(config.host(), config.notificationPort()),
                notification.handler());
        int nsPort = notificationListener.localAddress().getPort();
        notificationAddresses.add(notificationListener.localAddress());
        List<Endpoint> referrals = new ArrayList<>(List.of(new Endpoint(advertised, nsPort)));
        boolean everyAddress = notificationListener.localAddress().getAddress().isAnyLocalAddress();
        for (String extra : config.extraNotificationHosts()) {
            // on the wildcard address the notification server already listens on every extra host
            notificationAddresses.add(everyAddress ? new InetSocketAddress(extra, nsPort)
                    : listen(new InetSocketAddress(extra, nsPort), notification.handler()).localAddress());
            referrals.add(new Endpoint(extra, nsPort));
        }
        dispatchListener = listen(new InetSocketAddress(config.host(), config.dispatchPort()),
                new DispatchServerHandler(context, referrals, advertised));
        LOG.info("MSN network up: dispatch {}, notification {}, switchboard {}",
                dispatchAddress(), notificationAddress(), switchboardAddress());
    }

    private ProtocolListener listen(InetSocketAddress address, IoHandler handler)
            throws IOException {
        ProtocolListener listener = ProtocolListener.bind(address, handler, processors);
        listeners.add(listener);
        return listener;
    }

    public InetSocketAddress dispatchAddress() {
        return dispatchListener.localAddress();
    }

    public InetSocketAddress notificationAddress() {
        return notificationListener.localAddress();
    }

    /** Every address the notification server is reached at: {@link #notificationAddress()}, then the extra hosts. */
    public List<InetSocketAddress> notificationAddresses() {
        return List.copyOf(notificationAddresses);
    }

    public InetSocketAddress switchboardAddress() {
        return switchboardListener.localAddress();
    }

    /**
     * Sends {@code OUT SSD} to every logged-in user, closes every connection (waiting briefly for the
     * goodbyes to be written) and unbinds. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<CloseFuture> closing = context.locked(() -> {
            List<CloseFuture> all = new ArrayList<>(notification.shutdown());
            all.addAll(switchboard.shutdown());
            return all;
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_FLUSH_MILLIS);
        for (CloseFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left) + 1)) {
                break;
            }
        }
        for (ProtocolListener l : listeners) {
            l.close();
        }
        processors.dispose();
        context.shutdown();
        LOG.info("MSN network stopped");
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------------------------ hooks

    /** The account directory (thread-safe): look accounts up, add some at runtime. */
    public AccountDirectory accounts() {
        return directory;
    }

    /** Adds an account at runtime; its contacts must exist. */
    public Account addAccount(AccountSpec spec) {
        return directory.add(spec);
    }

    /** True while {@code handle} is logged in to the notification server (whatever its status). */
    public boolean isOnline(String handle) {
        return context.locked(() -> notification.online().get(handle) != null);
    }

    /**
     * Which login of {@code handle} is current: the id of its notification connection (a new login has a
     * new one), or -1 when it is not logged in. Lets a test tell a re-login from a session that stayed.
     */
    public long loginId(String handle) {
        return context.locked(() -> {
            var connection = notification.online().get(handle);
            return connection == null ? -1L : connection.session().getId();
        });
    }

    /** The status of {@code handle}: FLN when not logged in or before its first CHG. */
    public MsnStatus statusOf(String handle) {
        return context.locked(() -> notification.presence().statusOf(handle));
    }

    /** The handles on one of {@code handle}'s lists, in order; empty for an unknown account. */
    public List<String> listOf(String handle, ListType list) {
        Account a = directory.find(handle);
        return a == null ? List.of() : a.list(list).stream().map(ListEntry::handle).toList();
    }

    /** The list version of {@code handle}, or -1 for an unknown account. */
    public long listVersion(String handle) {
        Account a = directory.find(handle);
        return a == null ? -1 : a.version();
    }

    /** A new-mail notice from {@code fromAddress} (also used as the sender name); false when offline. */
    public boolean sendEmailNotification(String handle, String fromAddress, String subject) {
        return sendEmailNotification(handle, fromAddress, fromAddress, subject);
    }

    /** A new-mail notice ({@code text/x-msmsgsemailnotification}); false when {@code handle} is offline. */
    public boolean sendEmailNotification(String handle, String fromName, String fromAddress, String subject) {
        return context.locked(() -> notification.sendEmailNotification(handle, fromName, fromAddress, subject));
    }

    /** The "server going down in N minutes" system message; false when {@code handle} is offline. */
    public boolean sendSystemMessage(String handle, int minutes) {
        return context.locked(() -> notification.sendSystemMessage(handle, minutes));
    }

    /**
     * Blocks (or unblocks) {@code contact} for {@code handle} from the server's side, as another client of
     * the user's would: AL and BL change and the user, if online, is told with TrID 0. False for an unknown account.
     */
    public boolean setBlocked(String handle, String contact, boolean blocked) {
        return context.locked(() -> notification.setBlocked(handle, contact, blocked));
    }

    /** Sends {@code CHL 0 <challenge>} to {@code handle} now and returns the challenge; empty when offline. */
    public Optional<String> challengeNow(String handle) {
        return context.locked(() -> notification.challengeNow(handle));
    }

    /** Drops the notification connection of {@code handle} without OUT (a network failure); false when offline. */
    public boolean disconnect(String handle) {
        return context.locked(() -> notification.disconnect(handle));
    }

    /** Connections accepted so far by the dispatch, notification and switchboard servers together. */
    public long connectionsOpened() {
        return context.connectionsOpened();
    }

    /** Commands received from clients so far, on all three servers (what a login or a chat costs on the wire). */
    public long commandsReceived() {
        return context.commandsReceived();
    }

    /** Number of open switchboard sessions. */
    public int switchboardSessionCount() {
        return context.locked(switchboard::sessionCount);
    }

    /** Who is in switchboard session {@code sessionId} (the id of RNG / {@code CAL … RINGING}), in join order. */
    public List<String> switchboardParticipants(String sessionId) {
        return context.locked(() -> switchboard.participants(sessionId));
    }
}
