package org.imbridge.xmpp.gateway.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import org.imbridge.core.files.IncomingFile;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.session.BridgedUser;
import org.imbridge.xmpp.gateway.mapping.ContactNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A contact's file offer: accepted at once when files are on, the file is small enough and the user
 * has a transfer free (an XMPP client has no way to answer a legacy network's offer, and the file is
 * only fetched if the user follows the link); declined with a notice otherwise. Received into the
 * transfer directory, then put where the user's client can fetch it, and sent as a link.
 */
public final class IncomingFiles {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingFiles.class);

    private final FileTransferOptions options;
    private final FileNotices notices;
    private final FileLinks links;
    private final TransferQuota quota;
    private final ContactNames names;
    private final Function<String, Optional<BridgedUser>> users;
    private final FileTransferMetrics metrics;

    IncomingFiles(FileTransferOptions options, FileNotices notices, FileLinks links, TransferQuota quota,
                  ContactNames names, Function<String, Optional<BridgedUser>> users, FileTransferMetrics metrics) {
        this.options = options;
        this.notices = notices;
        this.links = links;
        this.quota = quota;
        this.names = names;
        this.users = users;
        this.metrics = metrics;
    }

    public void offer(String userJid, IncomingFile offer) {
        Optional<BridgedUser> user = users.apply(userJid);
        if (user.isEmpty()) {
            return; // the session ended; the offer with it
        }
        String name = names.displayName(userJid, offer.from());
        String what = "\"" + offer.fileName() + "\" (" + FileNotices.size(offer.size()) + ")";
        if (!options.enabled()) {
            decline(userJid, user.get(), offer, TransferFailure.Reason.UNSUPPORTED,
                    name + " offered you the file " + what + ", but this transport does not take files; ask for a link");
            return;
        }
        if (offer.size() > options.maxBytes()) {
            decline(userJid, user.get(), offer, TransferFailure.Reason.TOO_LARGE, name + " offered you the file " + what
                    + ", which was declined: files over " + FileNotices.size(options.maxBytes()) + " are not taken");
            return;
        }
        Optional<TransferQuota.Lease> lease = quota.acquire(userJid);
        if (lease.isEmpty()) {
            decline(userJid, user.get(), offer, TransferFailure.Reason.BUSY, name + " offered you the file " + what
                    + ", which was declined: you have " + options.perUserTransfers() + " files under way already");
            return;
        }
        Path file;
        try {
            file = options.directory().newFile(".part");
        } catch (IOException e) {
            LOG.warn("cannot make a file to receive into: {}", e.toString());
            lease.get().close();
            decline(userJid, user.get(), offer, TransferFailure.Reason.LOCAL_ERROR, name + " offered you the file "
                    + what + ", which could not be received (the transport could not store it)");
            return;
        }
        notices.notice(userJid, offer.from(), name + " is sending you " + what + "…");
        metrics.started(FileTransferMetrics.Direction.TO_USER);
        user.get().acceptFile(offer.offerId(), file)
                .thenCompose(bytes -> links.publish(userJid, file, offer.fileName(), bytes))
                .whenComplete((url, e) -> {
                    lease.get().close();
                    if (e == null) {
                        notices.link(userJid, offer.from(), url.toString(), offer.fileName());
                        metrics.ended(FileTransferMetrics.Direction.TO_USER, null, offer.size());
                        return;
                    }
                    FileLinks.deleteQuietly(file); // if it was taken over, it is gone already
                    TransferFailure failure = TransferFailure.of(e);
                    metrics.ended(FileTransferMetrics.Direction.TO_USER, failure.reason(), 0);
                    notices.notice(userJid, offer.from(), "The file " + what + " from " + name + " did not arrive: "
                            + failure.getMessage());
                });
    }

    private void decline(String userJid, BridgedUser user, IncomingFile offer, TransferFailure.Reason why, String text) {
        user.declineFile(offer.offerId(), why);
        metrics.refused(FileTransferMetrics.Direction.TO_USER, why);
        notices.notice(userJid, offer.from(), text);
    }
}
