package org.imbridge.msn.plugin.files;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.files.TransferFailure.Reason;
import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.ftp.MsnftpReceiver;
import org.imbridge.msn.ftp.TransferFailedException;
import org.imbridge.msn.ftp.TransferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file a contact offers the user (docs/msnp.md §18): offered until the user answers or the offer
 * times out (CANCEL TIMEOUT); once accepted, our ACCEPT asks for the sender's address, and the sender's
 * ACCEPT with IP-Address, Port and AuthCookie starts an {@link MsnftpReceiver} into the destination.
 */
final class IncomingTransfer extends Transfer {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingTransfer.class);

    private enum State { OFFERED, WAITING_FOR_ADDRESS, RECEIVING, DONE }

    private final String ownHandle;
    private final long size;
    // guarded by this
    private State state = State.OFFERED;
    private CompletableFuture<Long> result;
    private Path destination;
    private MsnftpReceiver receiver;

    IncomingTransfer(TransferKey key, long size, String ownHandle, InvitationLink link, FileTransferSettings settings,
                     TransferIo io, Owner owner) {
        super(key, link, settings, io, owner);
        this.size = size;
        this.ownHandle = ownHandle;
    }

    /** Starts the answer timer. */
    synchronized void offered() {
        if (state == State.OFFERED) {
            armLocked(settings.offerTimeout(), this::offerTimedOut);
        }
    }

    synchronized boolean isOffered() {
        return state == State.OFFERED;
    }

    @Override
    synchronized boolean isUnderWay() {
        return state == State.WAITING_FOR_ADDRESS || state == State.RECEIVING;
    }

    private void offerTimedOut() {
        synchronized (this) {
            if (state != State.OFFERED) {
                return;
            }
            state = State.DONE;
        }
        LOG.debug("{}: nobody answered the offer in time", this);
        forget();
        sendCancel(CancelCode.TIMEOUT);
    }

    /** The user accepts: our ACCEPT asks the sender for its address; completes with the bytes received. */
    CompletionStage<Long> accept(Path into) {
        try {
            if (!Files.exists(into)) {
                Files.createFile(into);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new TransferFailure(Reason.LOCAL_ERROR,
                    "The transport cannot write the file: " + e.getMessage(), e));
        }
        CompletableFuture<Long> r = new CompletableFuture<>();
        synchronized (this) {
            if (state != State.OFFERED) {
                return MsnFileTransfers.noSuchOffer();
            }
            state = State.WAITING_FOR_ADDRESS;
            result = r;
            destination = into;
            armLocked(settings.acceptTimeout(), () -> fail(new TransferFailure(Reason.TIMED_OUT,
                    contact() + " did not start sending the file in time"), CancelCode.FTTIMEOUT));
        }
        link().send(FileInvitation.acceptRequest(cookie()).toMessage()).whenComplete((v, e) -> {
            if (e != null) {
                fail(new TransferFailure(Reason.CONNECTION_FAILED, "Could not answer " + contact()
                        + ": the conversation ended"), null);
            }
        });
        return r;
    }

    /** The user declines: CANCEL REJECT (TIMEOUT when the user's side gave up waiting). */
    void decline(Reason why) {
        synchronized (this) {
            if (state != State.OFFERED) {
                return;
            }
            state = State.DONE;
            disarmLocked();
        }
        forget();
        sendCancel(why == Reason.TIMED_OUT ? CancelCode.TIMEOUT : CancelCode.REJECT);
    }

    @Override
    void received(FileInvitation invitation, InvitationLink from) {
        if (invitation.command() == InvitationCommand.CANCEL) {
            cancelledByContact(invitation);
        } else if (invitation.command() == InvitationCommand.ACCEPT && invitation.hasAddress()) {
            connect(invitation, from);
        } else {
            LOG.debug("{}: ignoring {}", this, invitation);
        }
    }

    private void cancelledByContact(FileInvitation invitation) {
        State before;
        CompletableFuture<Long> r;
        MsnftpReceiver running;
        synchronized (this) {
            before = state;
            if (before == State.DONE) {
                return;
            }
            state = State.DONE;
            disarmLocked();
            r = result;
            running = receiver;
        }
        LOG.debug("{}: the contact cancelled ({})", this, invitation.cancelCode());
        forget();
        if (before != State.OFFERED) {
            // Before the sender's address came the contact took the offer back; after, they stopped sending.
            r.completeExceptionally(before == State.WAITING_FOR_ADDRESS ? TransferFailures.withdrawn(contact())
                    : TransferFailures.cancelledBy(contact()));
            if (running != null) {
                running.cancel();
            }
        }
    }

    private void connect(FileInvitation accept, InvitationLink from) {
        MsnftpReceiver r;
        synchronized (this) {
            if (state != State.WAITING_FOR_ADDRESS) {
                LOG.debug("{}: ignoring an ACCEPT in state {}", this, state);
                return;
            }
            state = State.RECEIVING;
            disarmLocked();
            replyOn(from);
            try {
                r = new MsnftpReceiver(io.connector(), io.timer(), settings.msnftp(),
                        new InetSocketAddress(accept.ipAddress(), accept.port()), ownHandle, accept.authCookie(),
                        size, destination);
            } catch (RuntimeException e) {
                r = null;
            }
            receiver = r;
        }
        if (r == null) {
            fail(new TransferFailure(Reason.PROTOCOL_ERROR, contact() + " sent an address that cannot be used"),
                    CancelCode.FAIL);
            return;
        }
        LOG.debug("{}: receiving {} bytes from {}:{}", this, size, accept.ipAddress(), accept.port());
        r.start();
        r.result().whenComplete(this::finished);
    }

    private void finished(TransferResult done, Throwable e) {
        CompletableFuture<Long> r;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
            r = result;
        }
        forget();
        if (e == null) {
            r.complete(done.bytes());
            return;
        }
        TransferFailedException failure = TransferFailures.unwrap(e);
        r.completeExceptionally(TransferFailures.of(failure));
        CancelCode code = TransferFailures.cancelCodeFor(failure.reason());
        if (code != null) {
            sendCancel(code);
        }
    }

    private void fail(TransferFailure why, CancelCode code) {
        CompletableFuture<Long> r;
        MsnftpReceiver running;
        synchronized (this) {
            if (state == State.DONE || state == State.OFFERED) {
                return;
            }
            state = State.DONE;
            disarmLocked();
            r = result;
            running = receiver;
        }
        forget();
        r.completeExceptionally(why);
        if (running != null) {
            running.cancel();
        }
        if (code != null) {
            sendCancel(code);
        }
    }

    @Override
    void end(TransferFailure why) {
        CompletableFuture<Long> r;
        MsnftpReceiver running;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
            disarmLocked();
            r = result;
            running = receiver;
        }
        if (running != null) {
            // The user's stage fails once the connection is closed and the file released.
            running.cancel();
            running.result().whenComplete((v, e) -> r.completeExceptionally(why));
        } else if (r != null) {
            r.completeExceptionally(why);
        }
    }
}
