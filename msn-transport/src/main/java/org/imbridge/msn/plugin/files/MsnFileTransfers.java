package org.imbridge.msn.plugin.files;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

import org.imbridge.core.files.IncomingFile;
import org.imbridge.core.files.OutgoingFile;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.files.TransferFailure.Reason;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvalidInvitationException;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.protocol.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MSN session's file transfers (docs/msnp.md §18): contacts' offers ({@link #received} of an
 * INVITE, answered with {@link #accept} or {@link #decline}) and the user's ({@link #send}). Invitations
 * are known by contact and cookie; at most {@link FileTransferSettings#maxTransfers()} run at once and
 * at most {@link FileTransferSettings#maxPendingOffers()} offers wait for the user. Files are streamed,
 * never held in memory. {@link #close()} ends everything. Thread-safe.
 */
public final class MsnFileTransfers implements Transfer.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(MsnFileTransfers.class);

    private final String ownHandle;
    private final InetAddress advertised;
    private final FileTransferSettings settings;
    private final TransferIo io;
    private final Function<String, InvitationLink> oneToOne;
    private final Consumer<IncomingFile> offers;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    // guarded by lock
    private final Map<TransferKey, Transfer> transfers = new HashMap<>();
    private boolean closed;

    /**
     * @param ownHandle  the user's account, as contacts invite it
     * @param advertised the IPv4 address put in our ACCEPTs (see {@link FileTransferSettings#advertisedHost()});
     *                   {@code null} or not IPv4: the user cannot send files
     * @param oneToOne   the one-to-one conversation with a contact, for the user's offers
     * @param offers     told of every offer a contact makes
     */
    public MsnFileTransfers(String ownHandle, InetAddress advertised, FileTransferSettings settings, TransferIo io,
                            Function<String, InvitationLink> oneToOne, Consumer<IncomingFile> offers) {
        this.ownHandle = Objects.requireNonNull(ownHandle, "ownHandle");
        this.advertised = advertised instanceof Inet4Address ? advertised : null;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.io = Objects.requireNonNull(io, "io");
        this.oneToOne = Objects.requireNonNull(oneToOne, "oneToOne");
        this.offers = Objects.requireNonNull(offers, "offers");
    }

    /** A file-transfer invitation message from {@code handle}; answers go to {@code replies}. */
    public void received(String handle, MimeMessage message, InvitationLink replies) {
        FileInvitation invitation;
        try {
            invitation = FileInvitation.fromMessage(message);
        } catch (InvalidInvitationException e) {
            LOG.debug("ignoring a bad invitation from {}: {}", handle, e.getMessage());
            return;
        }
        TransferKey key = new TransferKey(handle, invitation.cookie());
        if (invitation.command() == InvitationCommand.INVITE) {
            offered(key, invitation, replies);
            return;
        }
        Transfer t;
        synchronized (lock) {
            t = transfers.get(key);
        }
        if (t == null) {
            LOG.debug("ignoring {} from {}: no such invitation", invitation, handle);
        } else {
            t.received(invitation, replies);
        }
    }

    private void offered(TransferKey key, FileInvitation invite, InvitationLink replies) {
        IncomingTransfer t = new IncomingTransfer(key, invite.fileSize(), ownHandle, replies, settings, io, this);
        boolean full;
        synchronized (lock) {
            if (closed || transfers.containsKey(key)) {
                LOG.debug("ignoring {} from {}: {}", invite, key.handle(), closed ? "the session ended" : "a known cookie");
                return;
            }
            full = transfers.values().stream().filter(IncomingTransfer.class::isInstance)
                    .filter(x -> ((IncomingTransfer) x).isOffered()).count() >= settings.maxPendingOffers();
            if (!full) {
                transfers.put(key, t);
            }
        }
        if (full) {
            LOG.info("refusing a file from {}: {} offers are waiting already", key.handle(), settings.maxPendingOffers());
            replies.send(FileInvitation.cancel(key.cookie(), CancelCode.FAIL).toMessage());
            return;
        }
        t.offered();
        offers.accept(new IncomingFile(LegacyAddress.of(key.handle()), key.offerId(), invite.safeFileName(),
                invite.fileSize()));
    }

    /** Accepts an offer; completes with the bytes written to {@code destination}. */
    public CompletionStage<Long> accept(String offerId, Path destination) {
        Objects.requireNonNull(destination, "destination");
        TransferKey key = TransferKey.ofOfferId(offerId);
        IncomingTransfer t;
        synchronized (lock) {
            t = key != null && transfers.get(key) instanceof IncomingTransfer i && i.isOffered() ? i : null;
            if (t != null && underWayLocked() >= settings.maxTransfers()) {
                return busy();
            }
        }
        return t == null ? noSuchOffer() : t.accept(destination);
    }

    /** Declines an offer (CANCEL REJECT, or TIMEOUT for {@link Reason#TIMED_OUT}); unknown offers are ignored. */
    public void decline(String offerId, Reason why) {
        TransferKey key = TransferKey.ofOfferId(offerId);
        Transfer t;
        synchronized (lock) {
            t = key == null ? null : transfers.get(key);
        }
        if (t instanceof IncomingTransfer i) {
            i.decline(why);
        }
    }

    /** Offers {@code file} to {@code to} in their one-to-one conversation; completes once they have it all. */
    public CompletionStage<Void> send(String to, OutgoingFile file) {
        OutgoingTransfer t;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(TransferFailures.sessionEnded());
            }
            if (underWayLocked() >= settings.maxTransfers()) {
                return busy();
            }
            TransferKey key;
            do {
                key = new TransferKey(to, newCookie());
            } while (transfers.containsKey(key));
            t = new OutgoingTransfer(key, file, advertised, this::newCookie, oneToOne.apply(to), settings, io, this);
            transfers.put(key, t);
        }
        return t.start();
    }

    /** Ends every offer and transfer: what waits fails with "the session ended". Idempotent. */
    public void close() {
        List<Transfer> ending;
        synchronized (lock) {
            closed = true;
            ending = new ArrayList<>(transfers.values());
            transfers.clear();
        }
        TransferFailure why = TransferFailures.sessionEnded();
        ending.forEach(t -> t.end(why));
    }

    /** Offers and transfers known now, for tests and statistics. */
    public int size() {
        synchronized (lock) {
            return transfers.size();
        }
    }

    @Override
    public void forget(Transfer t) {
        synchronized (lock) {
            transfers.remove(t.key, t);
        }
    }

    private long underWayLocked() {
        return transfers.values().stream().filter(Transfer::isUnderWay).count();
    }

    /** A random non-zero 32-bit cookie. */
    private long newCookie() {
        long c;
        do {
            c = random.nextInt() & FileInvitation.MAX_COOKIE;
        } while (c == 0);
        return c;
    }

    private <T> CompletionStage<T> busy() {
        return CompletableFuture.failedFuture(new TransferFailure(Reason.BUSY,
                "Too many file transfers at once (at most " + settings.maxTransfers() + ")"));
    }

    static <T> CompletionStage<T> noSuchOffer() {
        return CompletableFuture.failedFuture(new TransferFailure(Reason.CANCELLED, "no such offer"));
    }
}
