package org.imbridge.msn.client;

/**
 * A referral ({@code XFR NS}, {@code XFR SB} or an {@code RNG}'s switchboard) named an address this
 * client does not connect to: not the configured server's host and not on
 * {@link MsnClientConfig#allowedReferrals()}, or an address that is never a server (link-local,
 * multicast, the any-address). No connection was attempted.
 */
public final class MsnReferralRefusedException extends MsnException {

    private static final long serialVersionUID = 1L;

    public MsnReferralRefusedException(String message) {
        super(message);
    }
}
