package org.imbridge.msn.plugin.files;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

import org.imbridge.core.files.OutgoingFile;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.files.TransferFailure.Reason;
import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.TransferFailedException;
import org.imbridge.msn.ftp.TransferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file the user offers a contact (docs/msnp.md §18): our INVITE waits for the contact's ACCEPT or
 * CANCEL; on ACCEPT an {@link MsnftpSender} listens and our ACCEPT tells the contact where, with a
 * fresh AuthCookie (a secret, never logged).
 */
final class OutgoingTransfer extends Transfer {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingTransfer.class);

    private enum State { INVITED, SERVING, DONE }

    private final OutgoingFile file;
    private final String fileName;
    private final InetAddress advertised;
    private final LongSupplier cookies;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    // guarded by this
    private State state = State.INVITED;
    private MsnftpSender sender;

    /**
     * @param advertised the IPv4 address the contact connects to, or {@code null} when there is none
     * @param cookies    fresh random cookies (for the AuthCookie)
     */
    OutgoingTransfer(TransferKey key, OutgoingFile file, InetAddress advertised, LongSupplier cookies,
                     InvitationLink link, FileTransferSettings settings, TransferIo io, Owner owner) {
        super(key, link, settings, io, owner);
        this.file = file;
        this.fileName = FileInvitation.sanitizeFileName(file.fileName());
        this.advertised = advertised;
        this.cookies = cookies;
    }

    @Override
    synchronized boolean isUnderWay() {
        return state != State.DONE;
    }

    /** Sends the INVITE; completes once the contact has the whole file. */
    CompletionStage<Void> start() {
        synchronized (this) {
            armLocked(settings.offerTimeout(), this::timedOut);
        }
        link().send(FileInvitation.invite(cookie(), fileName, file.size()).toMessage()).whenComplete((v, e) -> {
            if (e != null) {
                fail(new TransferFailure(Reason.CONNECTION_FAILED, "Could not offer the file to " + contact()
                        + ": " + e.getMessage(), e), null);
            }
        });
        return result;
    }

    private void timedOut() {
        synchronized (this) {
            if (state != State.INVITED) {
                return;
            }
            state = State.DONE;
        }
        forget();
        result.completeExceptionally(new TransferFailure(Reason.TIMED_OUT,
                contact() + " did not answer the file offer in time"));
        sendCancel(CancelCode.TIMEOUT);
    }

    @Override
    void received(FileInvitation invitation, InvitationLink from) {
        if (invitation.command() == InvitationCommand.CANCEL) {
            cancelledByContact(invitation);
        } else if (invitation.command() == InvitationCommand.ACCEPT && !invitation.hasAddress()) {
            serve(from);
        } else {
            LOG.debug("{}: ignoring {}", this, invitation);
        }
    }

    private void cancelledByContact(FileInvitation invitation) {
        State before;
        MsnftpSender running;
        synchronized (this) {
            before = state;
            if (before == State.DONE) {
                return;
            }
            state = State.DONE;
            disarmLocked();
            running = sender;
        }
        forget();
        result.completeExceptionally(before == State.INVITED
                ? TransferFailures.declined(contact(), invitation.cancelCode(), invitation.cancelCodeText())
                : TransferFailures.cancelledBy(contact()));
        if (running != null) {
            running.cancel();
        }
    }

    private void serve(InvitationLink from) {
        MsnftpSender s;
        long authCookie = cookies.getAsLong();
        synchronized (this) {
            if (state != State.INVITED) {
                LOG.debug("{}: ignoring an ACCEPT in state {}", this, state);
                return;
            }
            state = State.SERVING;
            disarmLocked();
            replyOn(from);
            if (advertised != null) {
                s = new MsnftpSender(io.threads(), io.processors(), io.timer(), settings.msnftp(), file.source(),
                        contact(), authCookie);
                sender = s;
            } else {
                s = null;
            }
        }
        if (s == null) {
            fail(new TransferFailure(Reason.UNSUPPORTED, "The transport has no IPv4 address to offer files from"),
                    CancelCode.FAIL);
            return;
        }
        int port;
        try {
            port = s.start(settings.bind(), settings.ports());
        } catch (TransferFailedException e) {
            finished(null, e);
            return;
        }
        s.result().whenComplete(this::finished);
        LOG.debug("{}: serving {} on port {}", this, file.size(), port);
        link().send(FileInvitation.acceptWithAddress(cookie(), advertised.getHostAddress(), port, authCookie).toMessage())
                .whenComplete((v, e) -> {
                    if (e != null) {
                        fail(new TransferFailure(Reason.CONNECTION_FAILED, "Could not tell " + contact()
                                + " where to fetch the file: the conversation ended"), null);
                    }
                });
    }

    private void finished(TransferResult done, Throwable e) {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
        }
        forget();
        if (e == null) {
            result.complete(null);
            return;
        }
        TransferFailedException failure = TransferFailures.unwrap(e);
        result.completeExceptionally(TransferFailures.of(failure));
        CancelCode code = TransferFailures.cancelCodeFor(failure.reason());
        if (code != null) {
            sendCancel(code);
        }
    }

    private void fail(TransferFailure why, CancelCode code) {
        MsnftpSender running;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
            disarmLocked();
            running = sender;
        }
        forget();
        result.completeExceptionally(why);
        if (running != null) {
            running.cancel();
        }
        if (code != null) {
            sendCancel(code);
        }
    }

    @Override
    void end(TransferFailure why) {
        MsnftpSender running;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
            disarmLocked();
            running = sender;
        }
        if (running != null) {
            // The user's stage fails once the listener is closed and the port free again.
            running.cancel();
            running.result().whenComplete((v, e) -> result.completeExceptionally(why));
        } else {
            result.completeExceptionally(why);
        }
    }
}
