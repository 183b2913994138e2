package org.imbridge.xmpp.gateway.files;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import org.imbridge.core.files.OutgoingFile;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.xmpp.files.Urls;
import org.imbridge.xmpp.files.download.DownloadException;
import org.imbridge.xmpp.files.download.DownloadPolicy;
import org.imbridge.xmpp.files.download.DownloadedFile;
import org.imbridge.xmpp.files.download.SafeDownloader;
import org.imbridge.xmpp.gateway.mapping.ContactNames;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link the user shares (XEP-0066 data, what clients send after an HTTP upload): the link itself has
 * gone to the contact as text; when it points at the user's own server (or a configured host), the
 * file is fetched and offered to the contact as a file too, and the user is told how that went.
 * Never a way into the transport's network: only allowed hosts, no private addresses unless
 * configured, redirects only within the host, a size limit (README, "Files").
 */
public final class OutgoingFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingFiles.class);

    private final FileTransferOptions options;
    private final FileNotices notices;
    private final TransferQuota quota;
    private final ContactNames names;
    private final Function<String, Optional<BridgedUser>> users;
    private final Executor pool;
    private final FileTransferMetrics metrics;

    OutgoingFiles(FileTransferOptions options, FileNotices notices, TransferQuota quota, ContactNames names,
                  Function<String, Optional<BridgedUser>> users, Executor pool, FileTransferMetrics metrics) {
        this.options = options;
        this.notices = notices;
        this.quota = quota;
        this.names = names;
        this.users = users;
        this.pool = pool;
        this.metrics = metrics;
    }

    /** Offers the file behind {@code link} to {@code contact}; the link went as text already. */
    public void send(String userJid, LegacyAddress contact, String link) {
        if (!options.enabled() || users.apply(userJid).isEmpty()) {
            return;
        }
        String name = names.displayName(userJid, contact);
        URI url;
        try {
            url = URI.create(link.trim());
        } catch (IllegalArgumentException e) {
            return; // not a link: the text said it all
        }
        if (!Urls.isHttp(url) || url.getHost() == null) {
            return;
        }
        Set<String> hosts = allowedHosts(userJid, url.getHost());
        if (hosts.isEmpty()) {
            metrics.refused(FileTransferMetrics.Direction.TO_CONTACT, TransferFailure.Reason.UNSUPPORTED);
            notices.notice(userJid, contact, name + " got your link as text only: files are fetched only from your own"
                    + " server, and " + url.getHost() + " is not it");
            return;
        }
        Optional<TransferQuota.Lease> lease = quota.acquire(userJid);
        if (lease.isEmpty()) {
            metrics.refused(FileTransferMetrics.Direction.TO_CONTACT, TransferFailure.Reason.BUSY);
            notices.notice(userJid, contact, name + " got your link as text only: you have "
                    + options.perUserTransfers() + " files under way already");
            return;
        }
        metrics.started(FileTransferMetrics.Direction.TO_CONTACT);
        try {
            pool.execute(() -> fetchAndOffer(userJid, contact, name, url, hosts, lease.get()));
        } catch (RejectedExecutionException e) {
            ended(userJid, contact, null, lease.get(), TransferFailure.Reason.BUSY);
            notices.notice(userJid, contact, name + " got your link as text only: the transport has too many"
                    + " files to fetch right now");
        }
    }

    private void fetchAndOffer(String userJid, LegacyAddress contact, String name, URI url, Set<String> hosts,
                               TransferQuota.Lease lease) {
        Path file = null;
        DownloadedFile fetched;
        try {
            file = options.directory().newFile(".out");
            fetched = new SafeDownloader(new DownloadPolicy(hosts, options.maxBytes(), options.timeout(),
                    options.allowPrivateAddresses())).download(url, file);
        } catch (DownloadException e) {
            ended(userJid, contact, file, lease, e.reason() == DownloadException.Reason.TOO_LARGE
                    ? TransferFailure.Reason.TOO_LARGE : TransferFailure.Reason.CONNECTION_FAILED);
            notices.notice(userJid, contact, name + " got your link as text only: the file could not be fetched ("
                    + e.getMessage() + ")");
            return;
        } catch (IOException e) {
            ended(userJid, contact, file, lease, TransferFailure.Reason.LOCAL_ERROR);
            LOG.warn("cannot store a file to send: {}", e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended(userJid, contact, file, lease, TransferFailure.Reason.CANCELLED);
            return;
        }
        Path stored = file;
        String what = "\"" + fetched.fileName() + "\" (" + FileNotices.size(fetched.size()) + ")";
        Optional<BridgedUser> user = users.apply(userJid);
        (user.isPresent() ? user.get().sendFile(contact, new OutgoingFile(fetched.fileName(), fetched.size(), stored))
                : CompletableFuture.<Void>failedFuture(new TransferFailure(TransferFailure.Reason.CANCELLED,
                "you went offline"))).whenComplete((v, e) -> {
                    if (e == null) {
                        FileLinks.deleteQuietly(stored);
                        lease.close();
                        metrics.ended(FileTransferMetrics.Direction.TO_CONTACT, null, fetched.size());
                        notices.notice(userJid, contact, name + " received the file " + what);
                        return;
                    }
                    TransferFailure failure = TransferFailure.of(e);
                    ended(userJid, contact, stored, lease, failure.reason());
                    notices.notice(userJid, contact, (failure.reason() == TransferFailure.Reason.DECLINED
                            ? name + " declined the file " + what : "The file " + what + " did not reach " + name
                            + ": " + failure.getMessage()) + "; they have the link");
                });
    }

    private void ended(String userJid, LegacyAddress contact, Path file, TransferQuota.Lease lease,
                       TransferFailure.Reason reason) {
        if (file != null) {
            FileLinks.deleteQuietly(file);
        }
        lease.close();
        metrics.ended(FileTransferMetrics.Direction.TO_CONTACT, reason, 0);
    }

    /** The user's own domain and its subdomains, and the configured hosts; empty when {@code host} is none. */
    private Set<String> allowedHosts(String userJid, String host) {
        String domain = JidCreate.bareFromOrThrowUnchecked(userJid).getDomain().toString().toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        Set<String> allowed = new HashSet<>(options.downloadHosts());
        if (h.equals(domain) || h.endsWith("." + domain)) {
            allowed.add(h);
        }
        return allowed.stream().anyMatch(a -> a.equalsIgnoreCase(h)) ? allowed : Set.of();
    }
}
