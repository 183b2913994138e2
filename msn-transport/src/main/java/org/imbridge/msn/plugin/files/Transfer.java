package org.imbridge.msn.plugin.files;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.files.TransferFailure;
import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invitation, either way, from the INVITE until it is done: its cookie, the conversation its
 * messages go to, and the one timer it waits with. Subclasses hold the state machine, guarded by
 * {@code this}; stages complete and messages are sent outside that lock.
 */
abstract class Transfer {

    private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);

    /** What a transfer needs from the registry that owns it. */
    interface Owner {
        /** The transfer is done: it no longer counts and its cookie may be reused. */
        void forget(Transfer t);
    }

    final TransferKey key;
    final FileTransferSettings settings;
    final TransferIo io;
    private final Owner owner;
    private volatile InvitationLink link;
    private ScheduledFuture<?> timer; // guarded by this

    Transfer(TransferKey key, InvitationLink link, FileTransferSettings settings, TransferIo io, Owner owner) {
        this.key = key;
        this.link = link;
        this.settings = settings;
        this.io = io;
        this.owner = owner;
    }

    String contact() {
        return key.handle();
    }

    long cookie() {
        return key.cookie();
    }

    /** An ACCEPT or CANCEL from the contact for this cookie, on {@code from}. */
    abstract void received(FileInvitation invitation, InvitationLink from);

    /**
     * The session ended: stop the connection, then fail what waits with {@code why}; nothing is said to
     * the contact (the conversations are closing).
     */
    abstract void end(TransferFailure why);

    /** True while it counts towards {@link FileTransferSettings#maxTransfers()}. */
    abstract boolean isUnderWay();

    /** Answers go where the contact last spoke from. */
    final void replyOn(InvitationLink from) {
        link = from;
    }

    final void send(FileInvitation invitation) {
        link.send(invitation.toMessage()).whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("could not send {} to {}: {}", invitation, contact(), e.toString());
            }
        });
    }

    final void sendCancel(CancelCode code) {
        send(FileInvitation.cancel(cookie(), code));
    }

    final InvitationLink link() {
        return link;
    }

    /** Runs {@code r} after {@code d} unless disarmed first; replaces the previous timer. Call holding {@code this}. */
    final void armLocked(Duration d, Runnable r) {
        disarmLocked();
        timer = io.timer().schedule(r, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    final void disarmLocked() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    final void forget() {
        owner.forget(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + contact() + ", " + cookie() + "]";
    }
}
