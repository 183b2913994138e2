package org.imbridge.msn.client;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An invitation to a conversation ({@code RNG}, docs/msnp.md §7.2). {@link #accept} joins it, at most
 * once; ignoring it is the polite way to decline. The switchboard cookie stays inside.
 */
public final class SwitchboardInvitation {

    private final NotificationConnection owner;
    private final String sessionId;
    private final InetSocketAddress address;
    private final String cookie;
    private final String inviter;
    private final String inviterFriendlyName;
    private final AtomicBoolean accepted = new AtomicBoolean();

    SwitchboardInvitation(NotificationConnection owner, String sessionId, InetSocketAddress address, String cookie,
                          String inviter, String inviterFriendlyName) {
        this.owner = owner;
        this.sessionId = sessionId;
        this.address = address;
        this.cookie = cookie;
        this.inviter = inviter;
        this.inviterFriendlyName = inviterFriendlyName;
    }

    /** Who invites. */
    public String inviter() {
        return inviter;
    }

    /** The inviter's URL-decoded name as the RNG line gives it (may be stale, docs/msnp.md §14). */
    public String inviterFriendlyName() {
        return inviterFriendlyName;
    }

    /** The switchboard session id, an opaque string (numbers on Microsoft's servers, hex on some revivals). */
    public String sessionId() {
        return sessionId;
    }

    /** The switchboard server. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Joins: connects to the switchboard and sends {@code ANS handle cookie sessionId}; completes after
     * {@code ANS … OK}, with the participants from the IRO lines present.
     */
    public CompletionStage<SwitchboardSession> accept(SwitchboardListener listener) {
        if (!accepted.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("invitation already accepted"));
        }
        return owner.acceptInvitation(address, cookie, sessionId, listener);
    }

    @Override
    public String toString() {
        return "SwitchboardInvitation[from=" + inviter + ", session=" + sessionId + ", server="
                + ServerAddress.format(address) + "]";
    }
}
