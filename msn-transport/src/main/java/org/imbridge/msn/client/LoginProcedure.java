package org.imbridge.msn.client;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.imbridge.core.logging.LogContext;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpHashes;
import org.imbridge.msn.protocol.MsnpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login (reference §3, seed article): VER, INF, {@code USR MD5 I}, any {@code XFR NS} referrals
 * (each closes the old connection and starts again with VER, keeping the TrID count), the MD5 answer,
 * then CVR and the lists. Also takes servers that answer {@code USR MD5 I} with the salt directly.
 * The whole procedure runs under {@link MsnClientConfig#loginTimeout()}.
 */
final class LoginProcedure {

    private static final Logger LOG = LoggerFactory.getLogger(LoginProcedure.class);

    private final MsnClient client;
    private final String handle;
    private final String password;
    private final InetSocketAddress dispatch;
    private final NotificationListener listener;
    private final LogContext logContext;
    private final TrIdCounter trIds = new TrIdCounter();
    private final ReferralPolicy referrals;
    private final CompletableFuture<NotificationSession> result = new CompletableFuture<>();
    private volatile NotificationConnection current;

    LoginProcedure(MsnClient client, String handle, String password, InetSocketAddress dispatch,
                   NotificationListener listener, LogContext logContext) {
        this.client = client;
        this.logContext = logContext;
        this.handle = handle;
        this.password = password;
        this.dispatch = dispatch;
        this.listener = listener;
        this.referrals = new ReferralPolicy(dispatch, client.config().allowedReferrals());
    }

    CompletableFuture<NotificationSession> start() {
        MsnClientConfig config = client.config();
        ScheduledFuture<?> timer = client.schedule(logContext.wrap(() -> result.completeExceptionally(
                new MsnTimeoutException("login of " + handle + " did not complete within "
                        + config.loginTimeout().toMillis() + " ms"))),
                config.loginTimeout());
        result.whenComplete((session, e) -> {
            if (timer != null) {
                timer.cancel(false);
            }
            NotificationConnection last = current;
            if (e != null && last != null) {
                last.abandon();
            }
        });
        authenticate(dispatch, 0)
                .thenCompose(this::afterLogin)
                .whenComplete((ns, e) -> {
                    if (e != null) {
                        result.completeExceptionally(Futures.unwrap(e));
                        return;
                    }
                    ns.establish();
                    if (result.complete(ns)) {
                        LOG.info("{}: logged in, {} contacts", ns, ns.contactList().contacts().size());
                    } else {
                        ns.abandon();
                    }
                });
        return result;
    }

    private CompletableFuture<NotificationConnection> authenticate(InetSocketAddress address, int redirects) {
        if (result.isDone()) {
            return CompletableFuture.failedFuture(new MsnTimeoutException("login of " + handle + " abandoned"));
        }
        NotificationConnection link = new NotificationConnection(client, handle, listener, trIds, logContext,
                referrals, redirects > 0);
        current = link;
        return link.connect(address)
                .thenRun(() -> {
                    if (redirects == 0) {
                        referrals.serverReachedAt(link.connectedAddress());
                    }
                })
                .thenCompose(v -> link.request(Set.of("VER"), "VER", (Object[]) Dialects.OFFERED))
                .thenCompose(ver -> {
                    int version = Dialects.chosen(ver);
                    if (version == 0) {
                        throw Futures.fail(new MsnProtocolViolationException(
                                "no common protocol version: " + WireLog.describe(ver)));
                    }
                    link.negotiated(version);
                    return link.request(Set.of("INF"), "INF");
                })
                .thenCompose(inf -> {
                    if (!inf.params().subList(1, inf.paramCount()).contains("MD5")) {
                        throw Futures.fail(new MsnProtocolViolationException(
                                "the server does not offer MD5 authentication: " + WireLog.describe(inf)));
                    }
                    return link.request(Set.of("USR", "XFR"), "USR", "MD5", "I", handle);
                })
                .thenCompose(reply -> reply.is("XFR")
                        ? redirect(link, reply, redirects)
                        : answerSalt(link, reply));
    }

    /** {@code XFR TrID NS host:port [0 [current]]}: start over at the new server. */
    private CompletableFuture<NotificationConnection> redirect(NotificationConnection link, MsnpCommand xfr,
                                                               int redirects) {
        link.abandon();
        if (!"NS".equals(xfr.param(1)) || xfr.param(2) == null) {
            throw Futures.fail(new MsnProtocolViolationException("unexpected answer to USR: " + WireLog.describe(xfr)));
        }
        int max = client.config().maxNsRedirects();
        if (redirects >= max) {
            throw Futures.fail(new MsnProtocolViolationException(
                    "more than " + max + " notification server referrals; last to " + xfr.param(2)));
        }
        InetSocketAddress next;
        try {
            next = ServerAddress.parse(xfr.param(2));
        } catch (MalformedCommandException e) {
            throw Futures.fail(new MsnProtocolViolationException(e.getMessage()));
        }
        LOG.debug("login of {}: referred to {}", handle, xfr.param(2));
        return authenticate(next, redirects + 1);
    }

    /** {@code USR TrID MD5 S salt} → {@code USR TrID MD5 S md5(salt+password)} → {@code USR TrID OK handle friendly [verified]}. */
    private CompletableFuture<NotificationConnection> answerSalt(NotificationConnection link, MsnpCommand usr) {
        if (!"MD5".equals(usr.param(1)) || !"S".equals(usr.param(2)) || usr.param(3) == null) {
            throw Futures.fail(new MsnProtocolViolationException("unexpected answer to USR: " + WireLog.describe(usr)));
        }
        String response = MsnpHashes.loginResponse(usr.param(3), password);
        return link.request(Set.of("USR"), "USR", "MD5", "S", response).thenApply(ok -> {
            if (!"OK".equals(ok.param(1)) || ok.param(2) == null) {
                throw Futures.fail(new MsnProtocolViolationException("unexpected answer to USR: " + WireLog.describe(ok)));
            }
            String confirmed = ok.param(2);
            link.loggedIn(confirmed, ok.param(3) == null ? confirmed : MsnpNames.decode(ok.param(3)));
            return link;
        });
    }

    /** CVR when configured (only now: MSNP7 refuses it during login, reference §3.1), then the lists. */
    private CompletableFuture<NotificationConnection> afterLogin(NotificationConnection ns) {
        String cvr = client.config().cvr();
        CompletableFuture<Void> versionSent = CompletableFuture.completedFuture(null);
        if (!cvr.isEmpty()) {
            versionSent = ns.request(Set.of("CVR"), "CVR", (Object[]) cvr.split(" +")).handle((reply, e) -> {
                Throwable cause = e == null ? null : Futures.unwrap(e);
                if (cause instanceof MsnConnectionClosedException) {
                    throw Futures.fail(cause);
                }
                if (cause != null) {
                    LOG.info("{}: CVR not accepted: {}", ns, cause.getMessage());
                }
                return null;
            });
        }
        return versionSent.thenCompose(v -> ListSync.run(ns)).thenApply(list -> {
            ns.listReady(list);
            return ns;
        });
    }
}
