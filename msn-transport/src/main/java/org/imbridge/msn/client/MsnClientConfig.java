package org.imbridge.msn.client;

import java.time.Duration;
import java.util.Objects;

import org.imbridge.msn.protocol.MsnpLimits;

/**
 * Settings of an {@link MsnClient}. {@link #defaults()} suits production; tests shorten the timeouts
 * with {@link #builder()}.
 *
 * @param connectTimeout         TCP connect limit per connection
 * @param maxNsRedirects         how many {@code XFR … NS} referrals a login follows before giving up
 * @param loginTimeout           the whole login, redirects and list retrieval included
 * @param requestTimeout         how long a request (CHG, ADD, XFR SB, CAL …) waits for its answer
 * @param pingInterval           a {@code PNG} is sent after this long without writing; no data at all
 *                               from the server for another interval after it closes the connection
 * @param ackTimeout             how long a mode-A MSG waits for ACK/NAK
 * @param inviteTimeout          how long an invited user may take to join
 * @param switchboardIdleTimeout a switchboard without messages for this long is closed
 * @param cvr                    parameters of the {@code CVR} sent after login, e.g.
 *                               {@code 0x0409 win 4.10 i386 MSMSGS 4.6.0083 MSMSGS}; empty sends none
 * @param maxQueuedMessages      MSGs a switchboard keeps while nobody has joined
 * @param maxSwitchboards        switchboards one account may have open (own and accepted)
 * @param ioProcessors           MINA I/O processor threads shared by all connections
 * @param codecLimits            line and payload limits of the decoder
 * @param serverLimits           caps on what a server may push at one session (challenges, unlisted
 *                               presences, authorization requests, invitations, half-sent frames)
 * @param allowedReferrals       where referrals may point besides the configured server's host
 *                               (see {@link ReferralPolicy}); empty by default
 */
public record MsnClientConfig(Duration connectTimeout, int maxNsRedirects, Duration loginTimeout,
                              Duration requestTimeout, Duration pingInterval, Duration ackTimeout,
                              Duration inviteTimeout, Duration switchboardIdleTimeout, String cvr,
                              int maxQueuedMessages, int maxSwitchboards, int ioProcessors,
                              MsnpLimits codecLimits, ServerLimits serverLimits,
                              ReferralAllowList allowedReferrals) {

    public MsnClientConfig {
        positive(connectTimeout, "connectTimeout");
        positive(loginTimeout, "loginTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(pingInterval, "pingInterval");
        positive(ackTimeout, "ackTimeout");
        positive(inviteTimeout, "inviteTimeout");
        positive(switchboardIdleTimeout, "switchboardIdleTimeout");
        Objects.requireNonNull(cvr, "cvr (use \"\" to send no CVR)");
        Objects.requireNonNull(codecLimits, "codecLimits");
        Objects.requireNonNull(serverLimits, "serverLimits");
        Objects.requireNonNull(allowedReferrals, "allowedReferrals");
        atLeast(maxNsRedirects, 0, "maxNsRedirects");
        atLeast(maxQueuedMessages, 1, "maxQueuedMessages");
        atLeast(maxSwitchboards, 1, "maxSwitchboards");
        atLeast(ioProcessors, 1, "ioProcessors");
        cvr = cvr.trim();
    }

    /** Production settings: 3 redirects, PNG every 45 s, ACK within 30 s, switchboards idle 5 min. */
    public static MsnClientConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    /** Builds an {@link MsnClientConfig}; unset values keep the defaults. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(15);
        private int maxNsRedirects = 3;
        private Duration loginTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration pingInterval = Duration.ofSeconds(45);
        private Duration ackTimeout = Duration.ofSeconds(30);
        private Duration inviteTimeout = Duration.ofSeconds(60);
        private Duration switchboardIdleTimeout = Duration.ofMinutes(5);
        private String cvr = "";
        private int maxQueuedMessages = 50;
        private int maxSwitchboards = 64;
        private int ioProcessors = Runtime.getRuntime().availableProcessors() + 1;
        private MsnpLimits codecLimits = MsnpLimits.CLIENT_DEFAULTS;
        private ServerLimits serverLimits = ServerLimits.DEFAULTS;
        private ReferralAllowList allowedReferrals = ReferralAllowList.NONE;

        private Builder() {
        }

        private Builder(MsnClientConfig c) {
            connectTimeout = c.connectTimeout;
            maxNsRedirects = c.maxNsRedirects;
            loginTimeout = c.loginTimeout;
            requestTimeout = c.requestTimeout;
            pingInterval = c.pingInterval;
            ackTimeout = c.ackTimeout;
            inviteTimeout = c.inviteTimeout;
            switchboardIdleTimeout = c.switchboardIdleTimeout;
            cvr = c.cvr;
            maxQueuedMessages = c.maxQueuedMessages;
            maxSwitchboards = c.maxSwitchboards;
            ioProcessors = c.ioProcessors;
            codecLimits = c.codecLimits;
            serverLimits = c.serverLimits;
            allowedReferrals = c.allowedReferrals;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder maxNsRedirects(int value) {
            maxNsRedirects = value;
            return this;
        }

        public Builder loginTimeout(Duration value) {
            loginTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        public Builder ackTimeout(Duration value) {
            ackTimeout = value;
            return this;
        }

        public Builder inviteTimeout(Duration value) {
            inviteTimeout = value;
            return this;
        }

        public Builder switchboardIdleTimeout(Duration value) {
            switchboardIdleTimeout = value;
            return this;
        }

        public Builder cvr(String value) {
            cvr = value;
            return this;
        }

        public Builder maxQueuedMessages(int value) {
            maxQueuedMessages = value;
            return this;
        }

        public Builder maxSwitchboards(int value) {
            maxSwitchboards = value;
            return this;
        }

        public Builder ioProcessors(int value) {
            ioProcessors = value;
            return this;
        }

        public Builder codecLimits(MsnpLimits value) {
            codecLimits = value;
            return this;
        }

        public Builder serverLimits(ServerLimits value) {
            serverLimits = value;
            return this;
        }

        public Builder allowedReferrals(ReferralAllowList value) {
            allowedReferrals = value;
            return this;
        }

        public MsnClientConfig build() {
            return new MsnClientConfig(connectTimeout, maxNsRedirects, loginTimeout, requestTimeout, pingInterval,
                    ackTimeout, inviteTimeout, switchboardIdleTimeout, cvr, maxQueuedMessages, maxSwitchboards,
                    ioProcessors, codecLimits, serverLimits, allowedReferrals);
        }
    }
}
