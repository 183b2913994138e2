package org.imbridge.msnserver.ticket;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.wire.ServerContext;

/**
 * Issues and redeems switchboard cookies. Each cookie is random, bound to one handle, valid once and
 * only for its lifetime; expired cookies are dropped by a timer. Lock held.
 */
public final class SwitchboardTickets {

    private final ServerContext context;
    private final Duration lifetime;
    private final Map<String, Ticket> byCookie = new HashMap<>();

    public SwitchboardTickets(ServerContext context, Duration lifetime) {
        this.context = context;
        this.lifetime = lifetime;
    }

    /** A cookie for {@code XFR SB}: opens a new session. Format like {@code 17262740.1056561700.4242}. */
    public Ticket issueForNewSession(String handle) {
        String cookie;
        do {
            cookie = context.digits(8) + "." + context.unixTime() + "." + context.digits(4);
        } while (byCookie.containsKey(cookie));
        return store(new Ticket(cookie, Ticket.Kind.CREATE, AccountDirectory.normalize(handle), null, expiry()));
    }

    /** A cookie for {@code RNG}: joins session {@code sessionId}. Format like {@code 849102291.520491113}. */
    public Ticket issueInvitation(String handle, String sessionId) {
        String cookie;
        do {
            cookie = context.digits(9) + "." + context.digits(9);
        } while (byCookie.containsKey(cookie));
        return store(new Ticket(cookie, Ticket.Kind.INVITE, AccountDirectory.normalize(handle), sessionId, expiry()));
    }

    private long expiry() {
        return context.nanoTime() + lifetime.toNanos();
    }

    private Ticket store(Ticket ticket) {
        byCookie.put(ticket.cookie(), ticket);
        context.schedule(lifetime, () -> byCookie.remove(ticket.cookie(), ticket));
        return ticket;
    }

    /** Takes the ticket for {@code cookie} out (single use); {@code null} when unknown, used or expired. */
    public Ticket redeem(String cookie) {
        Ticket t = byCookie.remove(cookie);
        return t != null && notExpired(t) ? t : null;
    }

    /** True while {@code ticket} has not expired and was not redeemed or revoked. */
    public boolean isLive(Ticket ticket) {
        return byCookie.get(ticket.cookie()) == ticket && notExpired(ticket);
    }

    private boolean notExpired(Ticket ticket) {
        return context.nanoTime() - ticket.expiresAt() < 0;
    }

    /** Voids {@code ticket} (its session ended). */
    public void revoke(Ticket ticket) {
        byCookie.remove(ticket.cookie(), ticket);
    }
}
