package org.imbridge.app.reliability;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
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
 * An MSN user on our network, chatting with a bridged Jabber user through our own MSN client. Unlike
 * the e2e suite's peer it survives the MSN network being killed: every send logs in again if the
 * session is gone, and reports whether the network acknowledged the message (a failed send is the
 * MSN side's "bounce"). Records every text and every presence change it sees, with times.
 */
final class MsnContact implements NotificationListener, SwitchboardListener, AutoCloseable {

    private static final Duration STEP = Duration.ofSeconds(10);

    record StatusChange(long nanos, String handle, MsnStatus status) {
    }

    final List<String> texts = new CopyOnWriteArrayList<>();
    /** Why sends failed, for assertion messages. */
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<StatusChange> statuses = new CopyOnWriteArrayList<>();
    private final MsnClient client = new MsnClient(MsnClientConfig.defaults());
    private final List<SwitchboardSession> switchboards = new CopyOnWriteArrayList<>();
    private final InetSocketAddress dispatch;
    private final String handle;
    private final String password;
    private volatile NotificationSession session;

    MsnContact(InetSocketAddress dispatch, String handle, String password) throws Exception {
        this.dispatch = dispatch;
        this.handle = handle;
        this.password = password;
        login();
    }

    private synchronized NotificationSession login() throws Exception {
        NotificationSession current = session;
        if (current != null && current.isConnected()) {
            return current;
        }
        switchboards.clear();
        current = client.login(handle, password, dispatch, this).toCompletableFuture()
                .get(STEP.toSeconds(), TimeUnit.SECONDS);
        current.changeStatus(MsnStatus.NLN).toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
        session = current;
        return current;
    }

    /** @return true if the network acknowledged {@code text} to {@code to}, false if the send failed */
    boolean trySay(String to, String text) {
        try {
            NotificationSession ns = login();
            SwitchboardSession sb = switchboards.stream()
                    .filter(s -> s.isOpen() && s.participants().containsKey(to)).findFirst().orElse(null);
            if (sb == null) {
                sb = ns.openSwitchboard(this).toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
                switchboards.add(sb);
                sb.invite(to).toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
            }
            sb.sendText(text, AckMode.A).toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            failures.add(to + ": " + e);
            return false;
        }
    }

    /** Whether the last status seen for {@code who} is online, and since when (nanoTime), or -1. */
    long onlineSince(String who) {
        for (int i = statuses.size() - 1; i >= 0; i--) {
            StatusChange c = statuses.get(i);
            if (c.handle().equals(who)) {
                return c.status() == MsnStatus.FLN ? -1 : c.nanos();
            }
        }
        return -1;
    }

    /** When (nanoTime) {@code who} was first seen online after {@code sinceNanos}, or -1. */
    long onlineAgainAfter(String who, long sinceNanos) {
        return statuses.stream().filter(c -> c.handle().equals(who) && c.nanos() > sinceNanos
                && c.status() != MsnStatus.FLN).mapToLong(StatusChange::nanos).min().orElse(-1);
    }

    /** Leaves the conversations everyone else left (a client keeps at most 64 open). */
    void closeIdleSwitchboards() {
        for (SwitchboardSession sb : switchboards) {
            if (sb.isOpen() && !sb.participants().isEmpty()) {
                continue;
            }
            switchboards.remove(sb);
            try {
                sb.close().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // already closed by the other side
            }
        }
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        invitation.accept(this).thenAccept(switchboards::add);
    }

    @Override
    public void onContactPresence(String who, MsnStatus status, String friendlyName) {
        statuses.add(new StatusChange(System.nanoTime(), who, status));
    }

    @Override
    public void onMessage(String from, String friendlyName, MimeMessage message) {
        texts.add(message.bodyText());
    }

    @Override
    public void close() {
        client.close();
    }
}
